"""Fidelity program for examples/06-process-pool.loop.json.

The 1 s start-up of a worker process is modelled by its initializer sleeping 1 s (scaled)."""
import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

from fidelity_support import cpu_job, run, say, scaled


def make_pool(workers):
    return ProcessPoolExecutor(workers, initializer=time.sleep, initargs=(scaled(1),))


async def job(pool, n):
    say(f"Job {n} sent to the pool")
    await asyncio.get_running_loop().run_in_executor(pool, cpu_job, 2)


async def main():
    loop = asyncio.get_running_loop()
    with make_pool(2) as pool:
        say("One long-lived pool of two processes")
        await asyncio.gather(job(pool, 1), job(pool, 2))
        say("Both jobs done in parallel")
        say("Anti-pattern: a new pool for every call")
        with make_pool(1) as fresh:
            await loop.run_in_executor(fresh, cpu_job, 2)
        say("Call 1 done")
        with make_pool(1) as fresh:
            await loop.run_in_executor(fresh, cpu_job, 2)
        say("Call 2 done")


if __name__ == "__main__":
    run(main)
