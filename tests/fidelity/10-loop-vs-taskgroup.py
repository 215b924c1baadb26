"""Fidelity program for examples/10-loop-vs-taskgroup.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def sleeper(i):
    say(f"Task start {i}")
    await sleep(5)
    say(f"Task end {i}")


async def main():
    for i in range(5):
        say(f"Loop start {i}")
        await sleep(5)
        say(f"Loop end {i}")
    say("Loop took 25 s; now a TaskGroup")
    async with asyncio.TaskGroup() as tg:
        for i in range(5):
            tg.create_task(sleeper(i))
    say("TaskGroup took 5 s")


if __name__ == "__main__":
    run(main)
