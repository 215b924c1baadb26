"""Busy on the real clock, for tst_record_binary: two tasks switching with sleep(0) (long
regular runs of spans: the binary writer's column-by-column path), a lock they contend for, a
step that blocks the loop with time.sleep, prints, and a task that fails.

    python switches_and_lock.py SWITCHES
"""
import asyncio
import sys
import time

lock = asyncio.Lock()


async def spin(name, n):
    for i in range(n):
        await asyncio.sleep(0)
        if i % 1000 == 0:
            async with lock:
                await asyncio.sleep(0)
    print(f"{name} done")


async def fail():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def main():
    n = int(sys.argv[1]) // 2
    time.sleep(0.003)  # a step that holds the loop without using the CPU: blocking
    failing = asyncio.create_task(fail())
    await asyncio.gather(spin("a", n), spin("b", n))
    try:
        await failing
    except ValueError as exc:
        print("caught", exc)


asyncio.run(main())
