# Source: Loopscope seed lessons, ../shared/lessons/002_b83a77a04c34c964.txt lines 252-271
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged (indentation of the note removed)

import asyncio

async def coro1():
    print("coro1: Starting")
    await asyncio.sleep(2)  # Simulate I/O
    print("coro1: Finishing after 2 seconds")

async def coro2():
    print("coro2: Starting")
    await asyncio.sleep(1)  # Simulate I/O
    print("coro2: Finishing after 1 second")

async def main():
    task1 = asyncio.create_task(coro1())
    task2 = asyncio.create_task(coro2())

    await task1
    await task2

asyncio.run(main())
