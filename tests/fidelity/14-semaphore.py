"""Fidelity program for examples/14-semaphore.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def access_resource(sem, rid):
    async with sem:
        say(f"Accessing resource {rid}")
        await sleep(1)
        say(f"Releasing resource {rid}")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(access_resource(sem, i) for i in range(5)))


if __name__ == "__main__":
    run(main)
