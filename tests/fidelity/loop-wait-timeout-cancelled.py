"""CPython program for tests/runtime/scenarios/wait-timeout-cancelled.loop.json: a task
cancelled while asyncio.wait waits with a timeout (loop_insides.py writes its loop's insides)."""
import asyncio

from fidelity_support import run, say, scaled, sleep


async def job(s):
    await sleep(s)
    say(f"job {s} done")


async def waiter():
    j = asyncio.create_task(job(5))
    try:
        done, pending = await asyncio.wait([j], timeout=scaled(3))
    except asyncio.CancelledError:
        say("wait cancelled")


async def main():
    w = asyncio.create_task(waiter())
    await sleep(1)
    w.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    say("end")


if __name__ == "__main__":
    run(main)
