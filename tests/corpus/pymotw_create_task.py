# Source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/asyncio/asyncio_create_task.py
#   (the examples of PyMOTW-3's "asyncio: Asynchronous I/O, event loop, and concurrency tools", https://pymotw.com/3/asyncio/)
# Author: Doug Hellmann, (c) Doug Hellmann
# Licence: BSD (the repository's LICENSE: "The source code included here is copyright Doug Hellmann
#   and licensed under the BSD license"); the full notice is in LICENSE-pymotw.txt
# Changes: unchanged

#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2014 Doug Hellmann.  All rights reserved.
"""Starting a task
"""

#end_pymotw_header
import asyncio


async def task_func():
    print('in task_func')
    return 'the result'


async def main(loop):
    print('creating task')
    task = loop.create_task(task_func())
    print('waiting for {!r}'.format(task))
    return_value = await task
    print('task completed {!r}'.format(task))
    print('return value: {!r}'.format(return_value))


event_loop = asyncio.get_event_loop()
try:
    event_loop.run_until_complete(main(event_loop))
finally:
    event_loop.close()
