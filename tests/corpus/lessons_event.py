# Source: Loopscope seed lessons, ../shared/lessons/001_130b7c0322358e15.txt lines 621-641
#   (the asyncio study notes Loopscope was conceived from: the project's own reference material)
# Author: the notes' author (not named in the notes)
# Licence: not stated in the notes; used here as the project's own reference material
# Changes: unchanged (the line "event.py:" above the code is left out)
# Related: tests/fidelity/15-event.py models the same lesson with fidelity_support (not this text)

import asyncio

async def waiter(event):
	print("Waiting for the event to be set")
	await event.wait()
	print("event has been set, continuing execution")


async def setter(event):
	await asyncio.sleep(2) # Simulate doing some work 
	event.set()
	print("event has been set!")


async def main():
	event = asyncio.Event()
	await asyncio.gather(waiter(event), setter(event))


#Run the main coroutine
asyncio.run(main())	
