"""Fidelity program for examples/15-event.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def waiter(event):
    say("Waiting for the event")
    await event.wait()
    say("Event is set, carrying on")


async def setter(event):
    await sleep(2)
    event.set()
    say("Event set")


async def main():
    event = asyncio.Event()
    await asyncio.gather(waiter(event), setter(event))


if __name__ == "__main__":
    run(main)
