# Source: https://github.com/python/cpython/blob/998b991997994973fb706aa0283204c9400201fb/Doc/howto/asyncio-tutorial.rst
#   (section "Handling timeouts")
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: unchanged

import asyncio

async def slow_operation():
    await asyncio.sleep(10)
    return 'done'

async def main():
    try:
        async with asyncio.timeout(2):
            result = await slow_operation()
            print(f'Result: {result}')
    except TimeoutError:
        print('Operation timed out!')

asyncio.run(main())
