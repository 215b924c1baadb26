"""Fidelity program for examples/20-cpu-blocks-loop.loop.json.

The pool's 0.5 s worker start-up is modelled by its initializer sleeping 0.5 s (scaled)."""
import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

from fidelity_support import cpu, cpu_job, run, say, scaled, sleep

pool = None


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
    await asyncio.get_running_loop().run_in_executor(pool, cpu_job, 2)
    say("Process crunch done")


async def main():
    await asyncio.gather(heartbeat(), crunch_inline())
    await asyncio.gather(heartbeat(), crunch_in_process())


if __name__ == "__main__":
    with ProcessPoolExecutor(1, initializer=time.sleep, initargs=(scaled(0.5),)) as pool:
        run(main)
