# Source: Loopscope seed lessons, ../shared/lessons/004_e35ff56692543c2b.txt lines 117-125
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged

import asyncio, time

async def main():
    for i in range(5):
        print(f"Start {i} at {time.strftime('%X')}")
        await asyncio.sleep(5)
        print(f"End {i} at {time.strftime('%X')}")

asyncio.run(main())
