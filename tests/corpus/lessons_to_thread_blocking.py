# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 1148-1159
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged
# Related: tests/fidelity/02-threads.py models the same lesson with fidelity_support (not this text)

import asyncio
import time

def blocking_task():
    time.sleep(2)
    print("CPU-intensive task done")

async def main():
    await asyncio.to_thread(blocking_task)

asyncio.run(main())
