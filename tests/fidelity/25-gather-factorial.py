"""Fidelity program for examples/25-gather-factorial.loop.json (the asyncio docs' example)."""
import asyncio

from fidelity_support import run, say, sleep


async def factorial(name, number):
    f = 1
    for i in range(2, number + 1):
        say(f"Task {name}: Compute factorial({number}), currently i={i}...")
        await sleep(1)
        f *= i
    say(f"Task {name}: factorial({number}) = {f}")
    return f


async def main():
    L = await asyncio.gather(
        factorial("A", 2),
        factorial("B", 3),
        factorial("C", 4),
    )
    say(f"{L}")


if __name__ == "__main__":
    run(main)
