# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 156-181
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged

import asyncio

#Define a coroutine that simulates a time_consuming task
async def fetch_data(delay, id):
	print("Fetching data....id:", id)
	await asyncio.sleep(delay) # Simulates an I/O operation with a sleep 
	print("Data fetched, id:", id)
	return {"data": "Some data", "id": id} # Return some data 


#Define another coroutine that calls the first coroutine
async def main():

	task1 = fetch_data(2, 1)
	task2 = fetch_data(2, 2) 

	result1 = await task1
	print(f"Received result: {result1}")

	result2 = await task2
	print(f"Received result: {result2}")



#Run the main coroutine
asyncio.run(main())
