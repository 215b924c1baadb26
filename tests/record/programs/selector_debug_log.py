import asyncio
import logging

# PyMOTW's asyncio_stop.py and asyncio_debug.py log at DEBUG, and asyncio's first line names
# the loop's selector class.
logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")


async def main():
    await asyncio.sleep(0.5)
    print("slept")


asyncio.run(main())
