# Source: https://docs.python.org/3.11/library/asyncio-sync.html#asyncio.Barrier
#   (Doc/library/asyncio-sync.rst lines 367-386, Python 3.11.2 documentation as Debian's python3.11-doc 3.11.2-6+deb12u9 ships it)
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: `import asyncio` added (the snippet assumes it)
# loopscope-python: 3.11+

import asyncio

async def example_barrier():
   # barrier with 3 parties
   b = asyncio.Barrier(3)

   # create 2 new waiting tasks
   asyncio.create_task(b.wait())
   asyncio.create_task(b.wait())

   await asyncio.sleep(0)
   print(b)

   # The third .wait() call passes the barrier
   await b.wait()
   print(b)
   print("barrier passed")

   await asyncio.sleep(0)
   print(b)

asyncio.run(example_barrier())
