// The Python program of a scenario: the same program written with asyncio, readable and
// runnable with CPython 3.11+, so that what Loopscope shows can be checked against CPython.
#pragma once

#include "scenario/scenario.h"

#include <QString>

namespace loopscope {

// A complete script: imports, `SCALE = 1.0` (every duration is multiplied by it; a test may
// rewrite that line), a `burn()` helper for CPU work (spins on time.thread_time(), so that two
// GIL-bound threads really take twice as long), resources as module globals (futures and
// executors are made at the start of main(), inside the running loop), one `async def` per
// coroutine (main last) and `asyncio.run(main())` under `if __name__ == "__main__":` so that
// process pools can import the module. Step by step:
//   sleep -> await asyncio.sleep(s * SCALE)      cpu -> burn(s * SCALE)
//   block -> time.sleep(s * SCALE)               print -> print(f"...")
//   wait_for with a coroutine -> async with asyncio.timeout(t * SCALE): await coro(...)
//     (what 3.12's wait_for does; 3.11's would wrap the coroutine in a task)
//   to_thread -> await asyncio.to_thread(time.sleep | burn, s * SCALE)
//   run_in_executor -> await asyncio.get_running_loop().run_in_executor(pool, fn, s * SCALE)
// and the rest as scenario-format.md's table says. What CPython cannot be told (python.gil
// false, python.cpu_count) is noted in a comment; the scenario's cpu_count still sizes the
// default thread pool and pools without `workers`, as it does in the runtime.
QString pythonProgram(const Scenario &scenario);

} // namespace loopscope
