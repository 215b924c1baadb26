# Source: https://docs.python.org/3.11/library/asyncio-task.html#coroutines
#   (Doc/library/asyncio-task.rst lines 56-62, 114-125, 71-71, Python 3.11.2 documentation as Debian's python3.11-doc 3.11.2-6+deb12u9 ships it)
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: assembled as the text says ("the last example becomes"): the imports and say_after of
#   lines 56-62, this main (lines 114-125), the asyncio.run(main()) of line 71

import asyncio
import time

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(
            say_after(1, 'hello'))

        task2 = tg.create_task(
            say_after(2, 'world'))

        print(f"started at {time.strftime('%X')}")

    # The await is implicit when the context manager exits.


asyncio.run(main())
