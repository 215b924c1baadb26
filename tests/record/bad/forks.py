# main forks: the parent's trace is the parent's. The child lives on after the parent has
# written its trace, and ends through the recorder too: it must not write over it.
import asyncio
import os
import time

child = False


async def main():
    global child
    await asyncio.sleep(0)
    child = os.fork() == 0
    print("child" if child else "parent")


asyncio.run(main())
if child:
    time.sleep(0.5)
