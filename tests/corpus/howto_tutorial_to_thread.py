# Source: https://github.com/python/cpython/blob/998b991997994973fb706aa0283204c9400201fb/Doc/howto/asyncio-tutorial.rst
#   (section "Running blocking code with to_thread")
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: unchanged

import asyncio
import time

def blocking_task(seconds):
    """A slow, blocking function (simulating file I/O)."""
    time.sleep(seconds)
    return f'Slept for {seconds}s'

async def main():
    start = time.time()

    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(asyncio.to_thread(blocking_task, 2))
        task2 = tg.create_task(asyncio.to_thread(blocking_task, 3))
        task3 = tg.create_task(asyncio.sleep(1))

    print(task1.result())
    print(task2.result())
    print(f'Total time: {time.time() - start:.1f}s')

asyncio.run(main())
