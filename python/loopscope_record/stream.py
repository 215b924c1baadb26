"""Live recording (--stream) and Stop.

--stream: a daemon thread rewrites the trace file every 0.2 s with what has been recorded so
far, atomically (a temporary file renamed over it), so a reader polling the file (File >
Record Python Program... in the window) always reads a whole trace, and lanes grow as the
program runs. A snapshot's outcome is `stopped` ("recording in progress"): were the recorder
killed outright, the last snapshot stands as what it saw. The loop thread keeps appending
while a snapshot is built; lists grow safely under the GIL, and a snapshot that trips over a
change anyway is skipped, the next one 0.2 s later takes its place.

SIGTERM (Stop in the window, QProcess::terminate) raises Stopped in the main thread, wherever
the program is (a select, a time.sleep, a step): asyncio.run() cancels what is left, and the
trace is written with the outcome `stopped`.
"""
import signal
import threading

PERIOD = 0.2


class Stopped(BaseException):
    """The recording was ended from outside (SIGTERM)."""


def stop_on_sigterm():
    def _raise(_signum, _frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it outright
        raise Stopped()

    signal.signal(signal.SIGTERM, _raise)


class Snapshots:
    def __init__(self, recording, clock, out):  # out: the paths written
        self._recording = recording
        self._clock = clock
        self._out = out
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="loopscope-stream", daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        """Before the final write: no snapshot may replace the finished trace."""
        self._done.set()
        self._thread.join()

    def _run(self):
        while not self._done.wait(PERIOD):
            try:
                for path in self._out:
                    self._recording.write(path, end=self._clock.now(), status="stopped",
                                          error="recording in progress")
            except (RuntimeError, ValueError, IndexError, KeyError):
                continue  # a list or dict changed under the snapshot: the next one will do
