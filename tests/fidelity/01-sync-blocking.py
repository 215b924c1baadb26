"""Fidelity program for examples/01-sync-blocking.loop.json."""
from fidelity_support import block, run, say


async def fetch(name):
    say(f"Start {name}")
    block(2)
    say(f"End {name}")


async def main():
    await fetch("A")
    await fetch("B")
    await fetch("C")


if __name__ == "__main__":
    run(main)
