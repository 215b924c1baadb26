"""Pools and the GIL on the virtual clock (--virtual): Loopscope's own model of them
(core/runtime/pools_virtual.cpp), step for step, around the program's real code.

The model is a discrete-event world of the process's threads. The GIL follows CPython's
protocol: a thread that wants it waits the switch interval (sys.getswitchinterval()), then the
holder drops it at its next check and the longest waiter takes it (FIFO); a thread in a
blocking call (time.sleep) does not hold it. Worker processes have GILs of their own. Time only
moves when the loop lets it (its select, advance_to) or while the loop thread itself computes
or blocks.

The program's code runs for real, one thread at a time, handed the turn by the world:
- a job of a thread pool runs on a thread of ours named as the pool's own would be
  (`<thread_name_prefix>_<k>`); its code between two waits takes no time, a `time.sleep(s)`
  in it blocks for s, CPU work (cputime.py) computes for its seconds under the GIL. The world
  picks the thread as the model does (an idle one, else a new one up to max_workers), so the
  run is exactly reproducible where a real pool lets its threads race for the job;
- a job of a process pool runs in the pool's real worker process, which reports its waits
  and CPU work (cputime.py) instead of taking them; the world then plays them on the worker's
  lane, after the start-up its initializer `time.sleep(s)` stands for.
"""
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor

from . import cputime
from .recording import BLOCKING, READY, RUNNING, WAITING

INF = float("inf")
EPS = 1e-12
IDLE, STARTING, IO, CPU = range(4)
LOOP = 0  # the loop thread's index
QUEUE, STARTUP, GIL = "work queue", "startup", "GIL"


class _Thread:
    __slots__ = ("pool", "lane", "process", "activity", "until", "cpu_left", "job", "worker")

    def __init__(self, pool=None, lane=None, process=False, worker=None):
        self.pool, self.lane, self.process, self.worker = pool, lane, process, worker
        self.activity, self.until, self.cpu_left, self.job = IDLE, 0.0, 0.0, None


class _Pool:
    def __init__(self, executor, startup):
        self.executor = executor
        self.process = isinstance(executor, ProcessPoolExecutor)
        self.workers = max(1, executor._max_workers)
        self.startup = startup
        self.queue = deque()
        self.threads = []
        self.started = False


class Job:
    """One call handed to a pool: its function, the future the loop waits on, and how it went.
    `entry` is the recorder's (state, on) for the waiting task and the lane that did it."""

    def __init__(self, func, args, entry):
        self.func, self.args, self.entry = func, args, entry
        self.future = Future()
        self.result = self.error = None
        self.real = None  # a process job: the real worker's future
        self.segments = None  # a process job: its waits and CPU work, as the worker reported


class World:
    def __init__(self, clock, hooks):
        self.clock, self.hooks = clock, hooks
        self.now = 0.0
        self.pools = {}  # id(executor) -> _Pool
        self.threads = [_Thread()]
        self.holder = -1
        self.waiters = deque()
        self.wait_since = [0.0]
        self.last_switch = 0.0
        self.process_count = 0

    # The model's clock ------------------------------------------------------------------------

    def _progressing(self, th):
        return th.activity == CPU and (th.process or (self.holder >= 0
                                                      and self.threads[self.holder] is th))

    def next_event_time(self):
        nxt = INF
        for th in self.threads:
            if th.activity == IO or th.activity == STARTING:
                nxt = min(nxt, th.until)
            elif self._progressing(th):
                nxt = min(nxt, self.now + th.cpu_left)
        if self.holder >= 0 and self.waiters:
            nxt = min(nxt, max(self.last_switch, self.wait_since[self.waiters[0]])
                      + sys.getswitchinterval())
        return nxt

    def _progress_to(self, t):
        if t <= self.now:
            return
        for th in self.threads:
            if self._progressing(th):
                th.cpu_left = max(0.0, th.cpu_left - (t - self.now))
        self.now = self.clock.t = t

    def advance_to(self, t):
        while True:
            e = self.next_event_time()
            if e > t:
                break
            self._progress_to(e)
            self._handle_events_at(e)
        self._progress_to(t)

    def _step(self):
        e = self.next_event_time()
        self._progress_to(e)
        self._handle_events_at(e)

    def _handle_events_at(self, t):
        for i in range(1, len(self.threads)):
            th = self.threads[i]
            over = (th.activity == IO or th.activity == STARTING) and th.until <= t + EPS
            if over or (self._progressing(th) and th.cpu_left <= EPS):
                self._finish(i, t)
        if (self.holder >= 0 and self.waiters
                and max(self.last_switch, self.wait_since[self.waiters[0]])
                + sys.getswitchinterval() <= t + EPS):
            old = self.holder  # a forced switch: the holder drops the GIL and queues again
            self._drop_gil(old, t)
            if self.threads[old].activity == CPU:
                self._need_gil(old, t)

    # The GIL ----------------------------------------------------------------------------------

    def _record(self, i, state, on, t):
        lane = self.threads[i].lane
        if lane is not None:
            lane.add(t, state, on)

    def _need_gil(self, i, t):
        if self.threads[i].process:
            return self._record(i, RUNNING, None, t)
        if self.holder < 0 and not self.waiters:
            self.holder, self.last_switch = i, t
            return self._record(i, RUNNING, None, t)
        self.waiters.append(i)
        self.wait_since[i] = t
        self._record(i, READY, GIL, t)

    def _drop_gil(self, i, t):
        if self.holder != i:
            return
        self.holder = -1
        if not self.waiters:
            return
        self.holder = self.waiters.popleft()
        self.last_switch = t
        if self.threads[self.holder].activity == CPU or self.holder == LOOP:
            self._record(self.holder, RUNNING, None, t)

    def _wait_until_loop_holds(self, t):
        self.advance_to(t)
        while self.holder != LOOP and self.next_event_time() < INF:
            self._step()
        return self.now

    # The loop thread --------------------------------------------------------------------------

    def acquire_gil_for_loop(self):
        """Before the loop runs its ready callbacks: it needs the GIL, and may wait for it."""
        loop = self.threads[LOOP]
        loop.lane, loop.activity = None, IDLE
        self.advance_to(self.clock.t)
        if self.holder != LOOP:
            self._need_gil(LOOP, self.now)
            self._wait_until_loop_holds(self.now)

    def release_gil_for_loop(self):
        self._drop_gil(LOOP, self.now)

    def cpu_on_loop(self, lane, seconds):
        """CPU work in a task's step: the loop thread computes `seconds` of GIL time."""
        t = self.clock.t
        self.advance_to(t)
        loop = self.threads[LOOP]
        loop.lane, loop.activity, loop.cpu_left = lane, CPU, seconds
        if self.holder != LOOP:
            self._need_gil(LOOP, t)
        else:
            self._record(LOOP, RUNNING, None, t)
        while loop.cpu_left > EPS:
            self._step()
        loop.activity = IDLE
        if self.holder != LOOP:
            self._wait_until_loop_holds(self.now)
        loop.lane = None

    def block_on_loop(self, lane, seconds):
        """time.sleep in a task's step: the loop thread blocks, without the GIL."""
        t = self.clock.t
        self.advance_to(t)
        lane.add(t, BLOCKING)
        self._drop_gil(LOOP, t)
        self.advance_to(t + seconds)
        loop = self.threads[LOOP]
        loop.lane = lane
        self._need_gil(LOOP, self.now)
        back = self._wait_until_loop_holds(self.now)
        loop.lane = None
        lane.add(back, RUNNING)

    # Jobs -------------------------------------------------------------------------------------

    def submit(self, executor, job):
        t = self.clock.t
        self.advance_to(t)
        pool = self._pool(executor)
        if pool.process:
            job.real = executor.submit(cputime.run_in_worker, job.func, job.args)
            if not pool.started:
                self._start_processes(pool, t)
        for i in pool.threads:
            if self.threads[i].activity == IDLE and self.threads[i].job is None:
                return self._start_job(i, job, t)
        if not pool.process and len(pool.threads) < pool.workers:
            return self._start_job(self._new_thread(pool, t), job, t)
        pool.queue.append(job)
        return None

    def _pool(self, executor):
        pool = self.pools.get(id(executor))
        if pool is None:
            startup = 0.0
            if isinstance(executor, ProcessPoolExecutor):
                startup = cputime.startup_of(executor)
            pool = self.pools[id(executor)] = _Pool(executor, startup)
        return pool

    def _new_thread(self, pool, t):
        k = len(pool.threads)
        if pool.process:
            self.process_count += 1
            lane = self.hooks.rec.add_lane("process", f"Process-{self.process_count}")
            th = _Thread(pool, lane, True)
        else:
            name = f"{pool.executor._thread_name_prefix}_{k}"
            lane = self.hooks.rec.add_lane("thread", name)
            th = _Thread(pool, lane, False, _Worker(name, lane, self.hooks))
        self.threads.append(th)
        self.wait_since.append(0.0)
        i = len(self.threads) - 1
        pool.threads.append(i)
        self._record(i, WAITING, QUEUE, t)
        return i

    def _start_processes(self, pool, t):
        pool.started = True
        for _ in range(pool.workers):
            i = self._new_thread(pool, t)
            th = self.threads[i]
            th.activity, th.until = STARTING, t + pool.startup
            self._record(i, WAITING, STARTUP, t)

    def _start_job(self, i, job, t):
        self.threads[i].job = job
        if not job.future.set_running_or_notify_cancel():  # cancelled before it started
            self.threads[i].job = None
            return None
        return self._start_segment(i, t)

    def _start_segment(self, i, t):
        """The job's code runs on to its next wait or CPU work, which the thread then does."""
        th = self.threads[i]
        kind, seconds = self._advance_job(th)
        if kind is None:
            th.activity = IDLE
            return self._complete(i, t)
        if kind == "cpu":
            th.activity, th.cpu_left = CPU, seconds
            self._need_gil(i, t)
        else:
            th.activity, th.until = IO, t + seconds
            self._record(i, BLOCKING, None, t)
        return None

    def _advance_job(self, th):
        job = th.job
        if th.worker is not None:
            return th.worker.resume(job)
        if job.segments is None:  # the worker process has run it: wait for what it reports
            try:
                job.result, job.segments = job.real.result()
            except BaseException as exc:  # noqa: BLE001 - the pool itself failed (a dead worker)
                job.error, job.segments = exc, []
            if isinstance(job.result, cputime.Raised):
                job.error, job.result = job.result.error, None
            job.segments = deque(job.segments)
        return job.segments.popleft() if job.segments else (None, 0.0)

    def _finish(self, i, t):
        th = self.threads[i]
        if th.activity == STARTING:
            th.activity = IDLE
            self._record(i, WAITING, QUEUE, t)
            return self._take_next(i, t)
        cpu = th.activity == CPU
        th.activity = IDLE
        if cpu:
            self._drop_gil(i, t)
        return self._start_segment(i, t)

    def _complete(self, i, t):
        th = self.threads[i]
        job, th.job = th.job, None
        job.entry[1] = th.lane
        if job.error is not None:
            job.future.set_exception(job.error)
        else:
            job.future.set_result(job.result)  # wrap_future posts it to the loop
        self._record(i, WAITING, QUEUE, t)
        self._take_next(i, t)

    def _take_next(self, i, t):
        pool = self.threads[i].pool
        if pool.queue:
            self._start_job(i, pool.queue.popleft(), t)


class _Worker:
    """A pool thread of ours: runs a job's code when the world hands it the turn, and hands the
    turn back at the job's next wait or CPU work (ask) or at its end."""

    def __init__(self, name, lane, hooks):
        self._go = threading.Semaphore(0)
        self._back = threading.Semaphore(0)
        self._job = None
        self._request = None
        self._lane, self._hooks = lane, hooks
        self.thread = threading.Thread(target=self._main, name=name, daemon=True)
        self.thread.start()
        self._back.acquire()  # registered: its prints are on its lane

    def _main(self):
        self._hooks.thread_lanes[threading.get_ident()] = self._lane
        cputime.LOCAL.worker = self
        self._back.release()
        while True:
            self._go.acquire()
            job = self._job
            try:
                job.result = job.func(*job.args)
            except BaseException as exc:  # noqa: BLE001 - the job's outcome, for its future
                job.error = exc
            self._request = (None, 0.0)
            self._back.release()

    def resume(self, job):
        """On the loop thread: let the job run on; its next request, (None, 0) at its end."""
        if self._request in (None, (None, 0.0)):
            self._job = job
        self._go.release()
        self._back.acquire()
        return self._request

    def ask(self, kind, seconds):
        """On this thread: wait (`io`) or compute (`cpu`) `seconds`, as the world plays it."""
        self._request = (kind, max(float(seconds), 0.0))
        self._back.release()
        self._go.acquire()
