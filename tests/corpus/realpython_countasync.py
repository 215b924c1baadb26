# Source: https://github.com/realpython/materials/blob/1a5da64b51bcf2da8605ba4603bae6164f671195/asyncio-walkthrough/countasync.py
#   (the programs of Real Python's "Async IO in Python: A Complete Walkthrough")
# Author: Real Python, (c) 2018 Real Python
# Licence: MIT, Copyright (c) 2018 Real Python; the full notice is in LICENSE-realpython.txt
# Changes: unchanged (it prints __file__: the check writes the corpus folder as <corpus>)

import asyncio


async def count():
    print("One")
    await asyncio.sleep(1)
    print("Two")
    await asyncio.sleep(1)


async def main():
    await asyncio.gather(count(), count(), count())


if __name__ == "__main__":
    import time

    start = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - start
    print(f"{__file__} executed in {elapsed:0.2f} seconds.")
