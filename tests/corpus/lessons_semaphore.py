# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 560-577
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged
# Related: tests/fidelity/14-semaphore.py models the same lesson with fidelity_support (not this text)

import asyncio


async def access_resource(semaphore, resource_id):
	async with semaphore:
		# Simulate accessing a limited resource 
		print(f"Accessing resource {resource_id}")
		await asyncio.sleep(1) # Simulate work with the resource 
		print(f"Releasing resource {resource_id}")


async def main():
	semaphore = asyncio.Semaphore(2) # Allow 2 concurrent accesses 
	await asyncio.gather(*(access_resource(semaphore, i) for i in range(5)))


#Run the main coroutine
asyncio.run(main())	
