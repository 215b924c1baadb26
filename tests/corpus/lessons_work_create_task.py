# Source: Loopscope seed lessons, ../shared/lessons/000_3a5118f87f19612b.txt lines 463-477
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged
# Related: tests/fidelity/07-sequential-vs-tasks.py models the same lesson with fidelity_support (not this text)

import asyncio

async def work(name, delay):
    print(f"{name} started")
    await asyncio.sleep(delay)
    print(f"{name} finished")

async def main():
    task1 = asyncio.create_task(work("A", 2))
    task2 = asyncio.create_task(work("B", 1))

    await task1
    await task2

asyncio.run(main())
