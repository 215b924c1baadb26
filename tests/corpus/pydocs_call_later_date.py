# Source: https://docs.python.org/3.11/library/asyncio-eventloop.html#display-the-current-date-with-call-later
#   (Doc/library/asyncio-eventloop.rst lines 1749-1769, Python 3.11.2 documentation as Debian's python3.11-doc 3.11.2-6+deb12u9 ships it)
# Author: the Python documentation authors, (c) Python Software Foundation
# Licence: PSF-2.0 and Zero-Clause BSD (0BSD): "examples, recipes, and other code in the
#   documentation are dual licensed under the PSF License Agreement and the Zero-Clause BSD
#   license" (Doc/license.rst, since Python 3.8.6)
# Changes: unchanged

import asyncio
import datetime

def display_date(end_time, loop):
    print(datetime.datetime.now())
    if (loop.time() + 1.0) < end_time:
        loop.call_later(1, display_date, end_time, loop)
    else:
        loop.stop()

loop = asyncio.new_event_loop()

# Schedule the first call to display_date()
end_time = loop.time() + 5.0
loop.call_soon(display_date, end_time, loop)

# Blocking call interrupted by loop.stop()
try:
    loop.run_forever()
finally:
    loop.close()
