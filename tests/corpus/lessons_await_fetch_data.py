# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 105-118
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: `import asyncio` added (the notes' snippet assumes it)
# Related: tests/fidelity/08-await-order.py models the same lesson with fidelity_support (not this text)

import asyncio

async def fetch_data(delay):
    print("Fetching data..")
    await asyncio.sleep(delay)  # Simulates I/O
    print("Data fetched")
    return {"data": "Some data"}

async def main():
    print("Start of the main coroutine")
    task = fetch_data(2)
    result = await task
    print(f"Received result: {result}")
    print("End of main coroutine")

asyncio.run(main())
