"""Fidelity program for examples/13-lock-counter.loop.json (a real shared counter here)."""
import asyncio

from fidelity_support import run, say, sleep

counter = 0


async def modify(lock):
    global counter
    async with lock:
        say(f"Counter before: {counter}")
        counter += 1
        await sleep(1)
        say(f"Counter after: {counter}")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(modify(lock) for _ in range(5)))


if __name__ == "__main__":
    run(main)
