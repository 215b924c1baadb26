# Source: https://github.com/python/cpython/blob/998b991997994973fb706aa0283204c9400201fb/Doc/howto/asyncio-tutorial.rst
#   (section "Your first async program", "Let's add a helper")
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: unchanged

import asyncio
import time

async def say_after(delay, message):
    await asyncio.sleep(delay)
    print(message)

async def main():
    start = time.time()

    await say_after(1, 'hello')
    await say_after(2, 'world')

    print(f'Finished in {time.time() - start:.1f} seconds')

asyncio.run(main())
