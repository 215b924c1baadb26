"""CPython program for tests/runtime/scenarios/prims/timeout.loop.json: async with
asyncio.timeout(s) that cancels its body, timeout(None), a deadline not reached, and one
computed from a variable."""
import asyncio

from fidelity_support import run, say, scaled, sleep


async def slow(s):
    try:
        await sleep(s)
        say(f"slow {s} done")
    except asyncio.CancelledError:
        say(f"slow {s} cancelled")
        raise


async def main():
    try:
        async with asyncio.timeout(scaled(1)):
            await slow(2)
    except TimeoutError:
        say("timed out")
    async with asyncio.timeout(None):
        await slow(0.5)
    say("no deadline")
    async with asyncio.timeout(scaled(2)):
        await slow(0.5)
    say("within the deadline")
    d = 0.5
    try:
        async with asyncio.timeout(scaled(d * 2)):
            await sleep(3)
    except TimeoutError:
        say(f"deadline {d * 2} passed")
    say("end")


if __name__ == "__main__":
    run(main)
