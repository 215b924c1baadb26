"""Fidelity program for examples/04-time-sleep-freezes.loop.json."""
import asyncio

from fidelity_support import block, run, say


async def fetch(name):
    say(f"Start {name}")
    block(2)
    say(f"End {name}")


async def main():
    await asyncio.gather(fetch("A"), fetch("B"), fetch("C"))


if __name__ == "__main__":
    run(main)
