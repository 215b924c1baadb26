# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 362-386
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged
# Related: tests/fidelity/10-loop-vs-taskgroup.py models the same lesson with fidelity_support (not this text)

import asyncio

async def fetch_data(id, sleep_time):
	print(f"Coroutine {id} starting to fetch data.")
	await asyncio.sleep(sleep_time)   # Simulate a network request or IO operation 
	# Return some data as a result 
	return {"id": id, "data": f"Sample data from corouting {id}"}


async def main():
	tasks = []
	async with asyncio.TaskGroup() as tg:
		for i, sleep_time in enumerate([2, 1, 3], start=1):
			task = tg.create_task(fetch_data(i, sleep_time))
			tasks.append(task)

	# After the Task Group block, all tasks have completed 
	results = [task.result() for task in tasks]

	for result in results:
		print(f"Received result: {result}")


#Run the main coroutine
asyncio.run(main())
