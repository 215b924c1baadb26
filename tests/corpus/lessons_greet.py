# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 872-880
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged

import asyncio

async def greet():
    print("Hello!")
    await asyncio.sleep(1)  # Pauses the coroutine for 1 second
    print("How are you?")

asyncio.run(greet())  # Runs the coroutine
