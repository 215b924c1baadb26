import asyncio
import time


def in_thread():
    time.sleep(1)
    print("thread woke")


async def task():
    await asyncio.sleep(2)
    print("task woke")


async def main():
    await asyncio.gather(asyncio.to_thread(in_thread), task())
    print(f"main done at {time.perf_counter():.1f}")


asyncio.run(main())
