"""Fidelity program for examples/02-threads.loop.json."""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from fidelity_support import run, say, scaled


async def fetch(name):
    say(f"Start {name}")
    await asyncio.to_thread(time.sleep, scaled(2))


async def main():
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(3))
    await asyncio.gather(fetch("A"), fetch("B"), fetch("C"))
    say("All three calls returned")


if __name__ == "__main__":
    run(main)
