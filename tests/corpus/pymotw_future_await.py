# Source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/asyncio/asyncio_future_await.py
#   (the examples of PyMOTW-3's "asyncio: Asynchronous I/O, event loop, and concurrency tools", https://pymotw.com/3/asyncio/)
# Author: Doug Hellmann, (c) Doug Hellmann
# Licence: BSD (the repository's LICENSE: "The source code included here is copyright Doug Hellmann
#   and licensed under the BSD license"); the full notice is in LICENSE-pymotw.txt
# Changes: unchanged

#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2014 Doug Hellmann.  All rights reserved.
"""Waiting for a future to be done
"""

#end_pymotw_header
import asyncio


def mark_done(future, result):
    print('setting future result to {!r}'.format(result))
    future.set_result(result)


async def main(loop):
    all_done = asyncio.Future()

    print('scheduling mark_done')
    loop.call_soon(mark_done, all_done, 'the result')

    result = await all_done
    print('returned result: {!r}'.format(result))


event_loop = asyncio.get_event_loop()
try:
    event_loop.run_until_complete(main(event_loop))
finally:
    event_loop.close()
