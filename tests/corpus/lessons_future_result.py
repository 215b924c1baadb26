# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 432-453
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged
# Related: tests/fidelity/17-future.py models the same lesson with fidelity_support (not this text)

import asyncio

async def set_future_result(future, value):
	await asyncio.sleep(2)
	# set the result of the future 
	future.set_result(value)
	print(f"Set the future's result to: {value}")

async def main():
	#Create a future object 
	loop = asyncio.get_running_loop()
	future = loop.create_future()

	#Schedule setting the future's result
	asyncio.create_task(set_future_result(future, "Future result is ready"))

	# Wait for the future's result
	result = await future
	print(f"Received the future's result: {result}")

#Run the main coroutine
asyncio.run(main())
