"""CPython program for tests/runtime/scenarios/prims/callbacks.loop.json: loop.call_soon and
loop.call_later run plain functions as callbacks (one schedules the next, fills a queue with
put_nowait, sets an event; one raises and is logged); QueueFull and QueueEmpty."""
import asyncio

from fidelity_support import run, say, scaled

q = None
done = None


def tick(n):
    say(f"tick {n}")
    q.put_nowait(n)
    if n < 3:
        asyncio.get_running_loop().call_later(scaled(0.5), tick, n + 1)
    else:
        done.set()


def boom():
    say("boom raises")
    raise ValueError("in a callback")


async def main():
    global q, done
    q = asyncio.Queue(maxsize=3)
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.call_soon(tick, 1)
    loop.call_soon(boom)
    say("scheduled")
    await done.wait()
    say(f"event set, {q.qsize()} queued")
    try:
        q.put_nowait(4)
    except asyncio.QueueFull:
        say("queue full")
    a = q.get_nowait()
    b = q.get_nowait()
    c = q.get_nowait()
    say(f"{a} {b} {c} {q.empty()}")
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        say("queue empty")
    say("end")


if __name__ == "__main__":
    run(main)
