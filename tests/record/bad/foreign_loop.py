# A loop that is not asyncio's, as uvloop is: its handles are not asyncio.events.Handle, so
# the recorder sees none of its steps, and says so.
import asyncio
import collections
import heapq
import itertools
import time


class MiniHandle:
    def __init__(self, callback, args, context):
        self.callback, self.args, self.context, self.cancelled = callback, args, context, False

    def cancel(self):
        self.cancelled = True

    def run(self):
        if self.context is None:
            self.callback(*self.args)
        else:
            self.context.run(self.callback, *self.args)


class MiniLoop(asyncio.AbstractEventLoop):
    def __init__(self):
        self._ready = collections.deque()
        self._timers = []
        self._order = itertools.count()
        self._closed = self._running = self._stopping = False

    def time(self):
        return time.monotonic()

    def call_soon(self, callback, *args, context=None):
        handle = MiniHandle(callback, args, context)
        self._ready.append(handle)
        return handle

    call_soon_threadsafe = call_soon

    def call_at(self, when, callback, *args, context=None):
        handle = MiniHandle(callback, args, context)
        heapq.heappush(self._timers, (when, next(self._order), handle))
        return handle

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def create_future(self):
        return asyncio.Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        return asyncio.Task(coro, loop=self, name=name, context=context)

    def run_forever(self):
        self._running = True
        asyncio.events._set_running_loop(self)
        try:
            while not self._stopping:
                self._run_once()
        finally:
            self._stopping = self._running = False
            asyncio.events._set_running_loop(None)

    def _run_once(self):
        if not self._ready and self._timers:
            time.sleep(max(self._timers[0][0] - self.time(), 0))
        now = self.time()
        while self._timers and self._timers[0][0] <= now:
            self._ready.append(heapq.heappop(self._timers)[2])
        for _ in range(len(self._ready)):
            handle = self._ready.popleft()
            if not handle.cancelled:
                handle.run()

    def run_until_complete(self, future):
        future = asyncio.ensure_future(future, loop=self)
        future.add_done_callback(lambda _f: self.stop())
        self.run_forever()
        return future.result()

    def stop(self):
        self._stopping = True

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def get_debug(self):
        return False

    def set_debug(self, enabled):
        pass

    async def shutdown_asyncgens(self):
        pass

    async def shutdown_default_executor(self, timeout=None):
        pass

    def call_exception_handler(self, context):
        print("exception:", context.get("message"))


class MiniPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return MiniLoop()


async def worker(n):
    await asyncio.sleep(0.01 * n)
    print(f"worker {n} done")


async def main():
    await asyncio.gather(worker(1), worker(2))


asyncio.set_event_loop_policy(MiniPolicy())
asyncio.run(main())
