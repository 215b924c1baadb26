"""Fidelity program for examples/08-await-order.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def fetch_data(id, delay):
    say(f"Task {id} started")
    await sleep(delay)
    say(f"Task {id} finished its work")


async def main():
    t1 = asyncio.create_task(fetch_data(1, 1))
    t2 = asyncio.create_task(fetch_data(2, 2))
    await t2
    say("Task 2 fully completed")
    await t1
    say("Task 1 fully completed")


if __name__ == "__main__":
    run(main)
