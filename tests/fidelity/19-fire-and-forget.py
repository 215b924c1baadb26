"""Fidelity program for examples/19-fire-and-forget.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def upload():
    say("Upload started")
    try:
        await sleep(3)
        say("Upload finished")
    except asyncio.CancelledError:
        say("Upload cancelled at shutdown")
        raise asyncio.CancelledError("cancelled at shutdown")


async def main():
    say("Main: starting an upload in the background")
    asyncio.create_task(upload())
    await sleep(1)
    say("Main: returning")


if __name__ == "__main__":
    run(main)
