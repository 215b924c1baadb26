# Source: Loopscope seed lessons, ../shared/lessons/000_3a5118f87f19612b.txt lines 443-450
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged

import asyncio

async def say_hello():
    print("Start")
    await asyncio.sleep(2)
    print("End")

asyncio.run(say_hello())
