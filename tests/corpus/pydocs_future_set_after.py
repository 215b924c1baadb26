# Source: https://docs.python.org/3.11/library/asyncio-future.html#future-object
#   (Doc/library/asyncio-future.rst lines 226-252, Python 3.11.2 documentation as Debian's python3.11-doc 3.11.2-6+deb12u9 ships it)
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: `import asyncio` added (the snippet assumes it)

import asyncio

async def set_after(fut, delay, value):
    # Sleep for *delay* seconds.
    await asyncio.sleep(delay)

    # Set *value* as a result of *fut* Future.
    fut.set_result(value)

async def main():
    # Get the current event loop.
    loop = asyncio.get_running_loop()

    # Create a new Future object.
    fut = loop.create_future()

    # Run "set_after()" coroutine in a parallel Task.
    # We are using the low-level "loop.create_task()" API here because
    # we already have a reference to the event loop at hand.
    # Otherwise we could have just used "asyncio.create_task()".
    loop.create_task(
        set_after(fut, 1, '... world'))

    print('hello ...')

    # Wait until *fut* has a result (1 second) and print it.
    print(await fut)

asyncio.run(main())
