"""Fidelity program for examples/09-early-task.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def long_job():
    say("Task: running while main waits")
    await sleep(5)
    say("Task: finished after 5 s")


async def main():
    say("Main: start")
    task = asyncio.create_task(long_job())
    say("Main: task created, carrying on")
    await sleep(6)
    say("Main: slept 6 s")
    await task
    say("Main: over")


if __name__ == "__main__":
    run(main)
