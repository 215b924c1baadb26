# Source: https://docs.python.org/3.11/library/asyncio-task.html#sleeping
#   (Doc/library/asyncio-task.rst lines 406-418, Python 3.11.2 documentation as Debian's python3.11-doc 3.11.2-6+deb12u9 ships it)
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: unchanged

import asyncio
import datetime

async def display_date():
    loop = asyncio.get_running_loop()
    end_time = loop.time() + 5.0
    while True:
        print(datetime.datetime.now())
        if (loop.time() + 1.0) >= end_time:
            break
        await asyncio.sleep(1)

asyncio.run(display_date())
