import asyncio
import time
from concurrent.futures import ProcessPoolExecutor


def work(n):
    time.sleep(0.3)
    return n


async def main():
    loop = asyncio.get_running_loop()
    # Two processes, four jobs: the last two wait in the pool's queue for a free process.
    with ProcessPoolExecutor(max_workers=2) as pool:
        jobs = [loop.run_in_executor(pool, work, n) for n in range(4)]
        print(await asyncio.gather(*jobs))


if __name__ == "__main__":
    asyncio.run(main())
