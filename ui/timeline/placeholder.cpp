// Replaced by the timeline sources.
namespace loopscope { void timelinePlaceholder() {} }
