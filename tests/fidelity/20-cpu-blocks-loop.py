"""Fidelity program for examples/20-cpu-blocks-loop.loop.json.

The pool is made at its first submit, its worker ready 0.5 s (scaled) later."""
import asyncio

from fidelity_support import cpu, cpu_job, process_pool, run, say, sleep


async def heartbeat():
    for i in range(4):
        say(f"Tick {i}")
        await sleep(0.5)


async def crunch_inline():
    say("Crunching on the event loop")
    cpu(2)
    say("Inline crunch done")


async def crunch_in_process():
    say("Crunching in a worker process")
    pool = process_pool(1, startup=0.5)
    try:
        await asyncio.get_running_loop().run_in_executor(pool, cpu_job, 2)
    finally:
        pool.shutdown(wait=False)  # the scenario's pool lives on: no shutdown cost to pay
    say("Process crunch done")


async def main():
    await asyncio.gather(heartbeat(), crunch_inline())
    await asyncio.gather(heartbeat(), crunch_in_process())


if __name__ == "__main__":
    run(main)
