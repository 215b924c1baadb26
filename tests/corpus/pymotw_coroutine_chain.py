# Source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/asyncio/asyncio_coroutine_chain.py
#   (the examples of PyMOTW-3's "asyncio: Asynchronous I/O, event loop, and concurrency tools", https://pymotw.com/3/asyncio/)
# Author: Doug Hellmann, (c) Doug Hellmann
# Licence: BSD (the repository's LICENSE: "The source code included here is copyright Doug Hellmann
#   and licensed under the BSD license"); the full notice is in LICENSE-pymotw.txt
# Changes: unchanged

#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2014 Doug Hellmann.  All rights reserved.
"""Starting one coroutine from within another
"""

#end_pymotw_header
import asyncio


async def outer():
    print('in outer')
    print('waiting for result1')
    result1 = await phase1()
    print('waiting for result2')
    result2 = await phase2(result1)
    return (result1, result2)


async def phase1():
    print('in phase1')
    return 'result1'


async def phase2(arg):
    print('in phase2')
    return 'result2 derived from {}'.format(arg)


event_loop = asyncio.get_event_loop()
try:
    return_value = event_loop.run_until_complete(outer())
    print('return value: {!r}'.format(return_value))
finally:
    event_loop.close()
