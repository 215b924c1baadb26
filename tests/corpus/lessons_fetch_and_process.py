# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 971-987
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged

import asyncio

async def fetch_data():
    print("Fetching data...")
    await asyncio.sleep(2)  # Simulates network delay
    print("Data fetched")

async def process_data():
    print("Processing data...")
    await asyncio.sleep(1)  # Simulates computation delay
    print("Data processed")

async def main():
    await asyncio.gather(fetch_data(), process_data())

asyncio.run(main())
