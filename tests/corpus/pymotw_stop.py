# Source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/asyncio/asyncio_stop.py
#   (the examples of PyMOTW-3's "asyncio: Asynchronous I/O, event loop, and concurrency tools", https://pymotw.com/3/asyncio/)
# Author: Doug Hellmann, (c) Doug Hellmann
# Licence: BSD (the repository's LICENSE: "The source code included here is copyright Doug Hellmann
#   and licensed under the BSD license"); the full notice is in LICENSE-pymotw.txt
# Changes: unchanged

#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2014 Doug Hellmann.  All rights reserved.
"""Stopping the event loop
"""

#end_pymotw_header
import asyncio
import logging
import sys

logging.basicConfig(
    level=logging.DEBUG,
    format='%(name)s: %(message)s',
    stream=sys.stderr,
)
LOG = logging.getLogger('main')


async def stopper(loop):
    LOG.debug('stopper invoked')
    loop.stop()


event_loop = asyncio.get_event_loop()

event_loop.create_task(stopper(event_loop))

try:
    LOG.debug('entering event loop')
    event_loop.run_forever()
finally:
    LOG.debug('closing event loop')
    event_loop.close()
