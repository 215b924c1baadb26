# Source: Loopscope seed lessons, ../shared/lessons/002_b83a77a04c34c964.txt lines 100-106
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: `import asyncio` added (the notes' snippet assumes it); indentation of the list item removed
# Related: tests/fidelity/18-wait-for-timeout.py models the same lesson with fidelity_support (not this text)

import asyncio

async def timeout_example():
    try:
        await asyncio.wait_for(asyncio.sleep(2), timeout=1)
    except asyncio.TimeoutError:
        print("Task timed out")

asyncio.run(timeout_example())
