# Source: Loopscope seed lessons, ../shared/lessons/002_b83a77a04c34c964.txt lines 86-95
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: `import asyncio` added (the notes' snippet assumes it); indentation of the list item removed
# Related: tests/fidelity/11-gather-exceptions.py models the same lesson with fidelity_support (not this text)

import asyncio

async def faulty_task():
    raise ValueError("An error occurred")

async def main():
    try:
        await faulty_task()
    except ValueError as e:
        print(e)

asyncio.run(main())
