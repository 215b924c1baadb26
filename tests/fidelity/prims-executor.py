"""CPython program for tests/runtime/scenarios/prims-threads/executor.loop.json:
run_in_executor(None, ...) on the default pool, to_thread, a pool of 2 and a gather of awaitables;
the function prints on its worker thread and returns the await's value."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from fidelity_support import block, run, say, scaled

pool = ThreadPoolExecutor(2)


def work(n, s):
    say(f"work {n} starts")
    block(s)
    say(f"work {n} ends")
    return n * n


async def main():
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, work, 1, 1)
    say(f"default pool gave {r}")
    r = await asyncio.to_thread(work, 2, 0.5)
    say(f"to_thread gave {r}")
    L = await asyncio.gather(loop.run_in_executor(pool, work, 3, 1),
                             loop.run_in_executor(pool, work, 4, 1.5),
                             asyncio.sleep(scaled(0.5)))
    say(f"gather gave {L}")


if __name__ == "__main__":
    run(main)
