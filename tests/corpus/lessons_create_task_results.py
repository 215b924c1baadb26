# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 227-250
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged

import asyncio

async def fetch_data(id, sleep_time):
	print(f"Coroutine {id} starting to fetch data.")
	await asyncio.sleep(sleep_time) 
	return {"id": id, "data": f"Sample data from corouting {id}"}


async def main():
	# Create tasks for running coroutines concurrently
	task1 = asyncio.create_task(fetch_data(1, 2))
	task2 = asyncio.create_task(fetch_data(2, 3))
	task3 = asyncio.create_task(fetch_data(3, 1))

	result1 = await task1
	result2 = await task2
	result3 = await task3

	print(result1, result2, result3)


#Run the main coroutine
asyncio.run(main())
