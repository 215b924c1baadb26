"""Fidelity program for examples/07-sequential-vs-tasks.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def fetch_data(id, delay):
    say(f"Fetching data {id}")
    await sleep(delay)
    say(f"Data {id} fetched")


async def main():
    say("Phase 1: awaiting coroutines one by one")
    await fetch_data(1, 1)
    await fetch_data(2, 2)
    say("Phase 2: creating tasks first")
    t1 = asyncio.create_task(fetch_data(1, 1))
    t2 = asyncio.create_task(fetch_data(2, 2))
    await t1
    await t2
    say("Both tasks done")


if __name__ == "__main__":
    run(main)
