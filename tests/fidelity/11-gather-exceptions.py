"""Fidelity program for examples/11-gather-exceptions.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def fetch(id, delay):
    say(f"Fetch {id} started")
    await sleep(delay)
    say(f"Fetch {id} done")


async def broken():
    say("Broken fetch started")
    await sleep(1.5)
    raise ValueError("bad response")


async def main():
    say("gather with return_exceptions=True")
    await asyncio.gather(fetch(1, 1), broken(), fetch(2, 2), return_exceptions=True)
    say("All three finished; the error came back as a result")
    say("Default gather")
    try:
        await asyncio.gather(fetch(3, 1), broken(), fetch(4, 2))
    except ValueError:
        say("Default gather: the ValueError came straight through")
    await sleep(1)
    say("Main done")


if __name__ == "__main__":
    run(main)
