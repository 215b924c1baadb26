# Source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/asyncio/asyncio_cancel_task.py
#   (the examples of PyMOTW-3's "asyncio: Asynchronous I/O, event loop, and concurrency tools", https://pymotw.com/3/asyncio/)
# Author: Doug Hellmann, (c) Doug Hellmann
# Licence: BSD (the repository's LICENSE: "The source code included here is copyright Doug Hellmann
#   and licensed under the BSD license"); the full notice is in LICENSE-pymotw.txt
# Changes: unchanged

#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2014 Doug Hellmann.  All rights reserved.
"""Starting a task, then canceling it
"""

#end_pymotw_header
import asyncio


async def task_func():
    print('in task_func')
    return 'the result'


async def main(loop):
    print('creating task')
    task = loop.create_task(task_func())

    print('canceling task')
    task.cancel()

    print('canceled task {!r}'.format(task))
    try:
        await task
    except asyncio.CancelledError:
        print('caught error from canceled task')
    else:
        print('task result: {!r}'.format(task.result()))


event_loop = asyncio.get_event_loop()
try:
    event_loop.run_until_complete(main(event_loop))
finally:
    event_loop.close()
