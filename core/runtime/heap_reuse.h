// Keeping freed heap memory in the process, for the next run and the next snapshot.
#pragma once

namespace loopscope::rt {

// glibc hands the free memory at the top of the heap back to the system once 128 KiB of it are
// free, so each run (its task frames) and each snapshot (its spans) faults every page in again.
// On a virtual machine a page fault is dear: building a trace of 2 M spans took 103 ns a span
// that way and 16-19 ns with the memory kept (tests/bench/bench_runtime). Keeps up to 256 MiB
// free in the process; a no-op elsewhere than glibc. Call once, early in main().
void keepFreedHeapForReuse();

} // namespace loopscope::rt
