"""Fidelity program for examples/06-process-pool.loop.json.

Each pool is made at its first submit, its workers ready 1 s (scaled) later."""
import asyncio

from fidelity_support import cpu_job, process_pool, run, say


async def job(pool, n):
    await asyncio.get_running_loop().run_in_executor(pool, cpu_job, 2)


async def crunch_in_fresh_pool():
    # The anti-pattern. The scenario keeps no shutdown cost, so the pool is not waited for.
    fresh = process_pool(1, startup=1)
    try:
        await asyncio.get_running_loop().run_in_executor(fresh, cpu_job, 2)
    finally:
        fresh.shutdown(wait=False)


async def main():
    say("One long-lived pool of two processes")
    with process_pool(2, startup=1) as pool:
        await asyncio.gather(job(pool, 1), job(pool, 2))
        say("Both jobs done in parallel")
        say("Anti-pattern: a new pool for every call")
        await crunch_in_fresh_pool()
        say("Call 1 done")
        await crunch_in_fresh_pool()
        say("Call 2 done")


if __name__ == "__main__":
    run(main)
