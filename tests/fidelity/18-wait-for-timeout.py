"""Fidelity program for examples/18-wait-for-timeout.loop.json.

Python 3.12's wait_for runs the coroutine in the caller's task under a timeout; in 3.11 it
wraps it in a new task, so `asyncio.timeout` stands for it here."""
import asyncio

from fidelity_support import run, say, scaled, sleep


async def slow_operation():
    say("Operation started")
    try:
        await sleep(2)
        say("Operation finished")
    finally:
        say("Operation cleaned up")


async def main():
    try:
        async with asyncio.timeout(scaled(1)):
            await slow_operation()
    except TimeoutError:
        say("Timed out after 1 s")


if __name__ == "__main__":
    run(main)
