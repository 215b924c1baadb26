import asyncio
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

pool = ThreadPoolExecutor(max_workers=2)


def blocking(n, label="x"):
    print(f"blocking {n} {label}")
    time.sleep(n)
    return n + 1


def callback(msg):
    print(msg)


async def main():
    loop = asyncio.get_running_loop()
    procs = ProcessPoolExecutor(2)
    await asyncio.to_thread(time.sleep, 0.5)
    v = await asyncio.to_thread(blocking, 2, label="y")
    w = await loop.run_in_executor(None, blocking, 1)
    await loop.run_in_executor(pool, time.sleep, 1)
    await loop.run_in_executor(procs, blocking, 3)
    loop.call_soon(callback, "soon")
    loop.call_later(0.5, callback, "later")
    time.sleep(0.25)
    await asyncio.sleep(1)


asyncio.run(main())
