# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 491-515
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged
# Related: tests/fidelity/13-lock-counter.py models the same lesson with fidelity_support (not this text)

import asyncio

#A shared variable
shared_resource = 0

# An asyncio lock
lock = asyncio.Lock()


async def modify_shared_resource():
	global shared_resource
	async with lock:
		# Critical section starts 
		print(f"Resource before modification: {shared_resource}")
		shared_resource += 1  # Modify  the shared resource 
		await asyncio.sleep(1) # Simulate an IO operation 
		print(f"Resource after modification: {shared_resource}")
		# Critical section ends


async def main():
	await asyncio.gather(*(modify_shared_resource() for _ in range(5)))

#Run the main coroutine
asyncio.run(main())	
