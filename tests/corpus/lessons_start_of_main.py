# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 66-72
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged

import asyncio

async def main():
    print("Start of main coroutine")

# main() # -> coroutine object (not running yet)
asyncio.run(main())  # Actually runs the coroutine
