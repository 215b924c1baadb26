# Source: Loopscope seed lessons, ../shared/lessons/000_3a5118f87f19612b.txt lines 99-113
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged
# Related: tests/fidelity/03-asyncio-gather.py models the same lesson with fidelity_support (not this text)

import asyncio

async def task(name):
    print(f"Start {name}")
    await asyncio.sleep(2)
    print(f"End {name}")

async def main():
    await asyncio.gather(
        task("A"),
        task("B"),
        task("C"),
    )

asyncio.run(main())
