"""Fidelity program for examples/03-asyncio-gather.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def fetch(name):
    say(f"Start {name}")
    await sleep(2)
    say(f"End {name}")


async def main():
    await asyncio.gather(fetch("A"), fetch("B"), fetch("C"))


if __name__ == "__main__":
    run(main)
