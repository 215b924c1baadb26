import asyncio
import os
import subprocess
import sys
import time

# A step that computes for 60 ms of CPU while three busy processes share its one CPU: the OS
# preempts it (involuntary switches), its wall time is about four times its CPU time.
os.sched_setaffinity(0, {0})
HOG = "import os; os.sched_setaffinity(0, {0})\nwhile True: pass"
hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(3)]


async def compute():
    end = time.thread_time() + 0.06
    while time.thread_time() < end:
        pass


async def main():
    await asyncio.sleep(0.2)  # the hogs are running
    await asyncio.create_task(compute())
    time.sleep(0.05)  # a blocking call: it sleeps


try:
    asyncio.run(main())
finally:
    for hog in hogs:
        hog.kill()
