"""Fidelity program for examples/12-taskgroup-fails-fast.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def fetch(id, delay):
    say(f"Fetch {id} started")
    try:
        await sleep(delay)
        say(f"Fetch {id} done")
    except asyncio.CancelledError:
        say(f"Fetch {id} cancelled by the group")
        raise asyncio.CancelledError("cancelled by the TaskGroup")


async def broken():
    say("Broken fetch started")
    await sleep(1.5)
    raise ValueError("bad response")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fetch(1, 1))
        tg.create_task(broken())
        tg.create_task(fetch(2, 3))
    say("Never reached: the group raised")


if __name__ == "__main__":
    run(main)
