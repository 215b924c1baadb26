// container[index] and sequence[lower:upper:step], as Python indexes and slices.
#include "scenario/expr/error.h"
#include "scenario/expr/operators.h"

#include <QList>

namespace loopscope::expr {

namespace {

qint64 checkedIndex(const Value &container, const Value &index, qint64 length)
{
    const QString type = container.typeName();
    if (!index.isInt()) {
        if (container.isStr())
            raise(
                "TypeError",
                QStringLiteral("string indices must be integers, not '%1'").arg(index.typeName()));
        raise("TypeError", QStringLiteral("%1 indices must be integers or slices, not %2")
                               .arg(type, index.typeName()));
    }
    const qint64 at = index.asInt() < 0 ? index.asInt() + length : index.asInt();
    if (at < 0 || at >= length) {
        const QString what = container.isStr() ? QStringLiteral("string")
                             : container.kind() == Value::Kind::Range
                                 ? QStringLiteral("range object")
                                 : type;
        raise("IndexError", QStringLiteral("%1 index out of range").arg(what));
    }
    return at;
}

// PySlice_AdjustIndices: start, stop and the item count of a slice of a sequence of length.
struct Adjusted
{
    qint64 start, stop, step, count;
};

Adjusted adjust(const SliceBounds &bounds, qint64 length)
{
    const qint64 step = bounds.step.value_or(1);
    if (step == 0)
        raise("ValueError", QStringLiteral("slice step cannot be zero"));
    auto clamp = [&](std::optional<qint64> bound, qint64 absent) {
        if (!bound)
            return absent;
        qint64 value = *bound;
        if (value < 0) {
            value += length;
            if (value < 0)
                value = step < 0 ? -1 : 0;
        } else if (value >= length) {
            value = step < 0 ? length - 1 : length;
        }
        return value;
    };
    const qint64 start = clamp(bounds.lower, step < 0 ? length - 1 : 0);
    const qint64 stop = clamp(bounds.upper, step < 0 ? -1 : length);
    qint64 count = 0;
    if (step < 0 && stop < start)
        count = (start - stop - 1) / (-step) + 1;
    else if (step > 0 && start < stop)
        count = (stop - start - 1) / step + 1;
    return {start, stop, step, count};
}

} // namespace

Value itemAt(const Value &container, const Value &index)
{
    switch (container.kind()) {
    case Value::Kind::List: {
        const Values &items = container.listData().items;
        return items[std::size_t(checkedIndex(container, index, qint64(items.size())))];
    }
    case Value::Kind::Tuple: {
        const Values &items = container.tupleItems();
        return items[std::size_t(checkedIndex(container, index, qint64(items.size())))];
    }
    case Value::Kind::Str: {
        const QString &text = container.asStr();
        if (!hasSurrogates(text))
            return Value::string(QString(text[checkedIndex(container, index, text.size())]));
        const QList<uint> codes = text.toUcs4();
        return Value::string(
            codePointText(codes[checkedIndex(container, index, qint64(codes.size()))]));
    }
    case Value::Kind::Range: {
        const Range &range = container.asRange();
        return Value::integer(range.at(checkedIndex(container, index, range.length())));
    }
    case Value::Kind::Dict: {
        const DictData &dict = container.dictData();
        if (const std::optional<std::size_t> at = dict.find(index))
            return dict.items[*at].second;
        raise("KeyError", index.repr());
    }
    default:
        raise("TypeError",
              QStringLiteral("'%1' object is not subscriptable").arg(container.typeName()));
    }
}

Value sliceOf(const Value &sequence, const SliceBounds &bounds)
{
    switch (sequence.kind()) {
    case Value::Kind::Str: {
        const QString &text = sequence.asStr();
        QString out;
        if (!hasSurrogates(text)) {
            const Adjusted slice = adjust(bounds, text.size());
            for (qint64 i = 0, at = slice.start; i < slice.count; ++i, at += slice.step)
                out += text[at];
            return Value::string(out);
        }
        const QList<uint> codes = text.toUcs4();
        const Adjusted slice = adjust(bounds, qint64(codes.size()));
        for (qint64 i = 0, at = slice.start; i < slice.count; ++i, at += slice.step)
            out += codePointText(codes[at]);
        return Value::string(out);
    }
    case Value::Kind::List:
    case Value::Kind::Tuple: {
        const bool list = sequence.kind() == Value::Kind::List;
        const Values &items = list ? sequence.listData().items : sequence.tupleItems();
        const Adjusted slice = adjust(bounds, qint64(items.size()));
        Values out;
        for (qint64 i = 0, at = slice.start; i < slice.count; ++i, at += slice.step)
            out.push_back(items[std::size_t(at)]);
        return list ? Value::list(std::move(out)) : Value::tuple(std::move(out));
    }
    case Value::Kind::Range: {
        const Range &range = sequence.asRange();
        const Adjusted slice = adjust(bounds, range.length());
        return Value::range(
            Range{range.at(slice.start), range.at(slice.stop), range.step * slice.step});
    }
    case Value::Kind::Dict:
        raise("TypeError", QStringLiteral("unhashable type: 'slice'"));
    default:
        raise("TypeError",
              QStringLiteral("'%1' object is not subscriptable").arg(sequence.typeName()));
    }
}

} // namespace loopscope::expr
