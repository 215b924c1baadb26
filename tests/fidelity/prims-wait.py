"""CPython program for tests/runtime/scenarios/prims/wait.loop.json: asyncio.wait (FIRST_COMPLETED,
FIRST_EXCEPTION, a timeout, ALL_COMPLETED) and as_completed (completion order, a timeout)."""
import asyncio

from fidelity_support import run, say, scaled, sleep


async def job(s):
    await sleep(s)
    say(f"job {s} done")
    return s * 10


async def bad(s):
    await sleep(s)
    raise ValueError(f"bad {s}")


async def main():
    a = asyncio.create_task(job(1))
    b = asyncio.create_task(bad(1.5))
    c = asyncio.create_task(job(3))
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    say(f"first completed: {len(done)} done, {len(pending)} pending, a in done: {a in done}")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    say(f"first exception: {len(done)} done, {len(pending)} pending, b done: {b.done()}")
    done, pending = await asyncio.wait([c], timeout=scaled(0.5))
    say(f"timeout: {len(done)} done, {len(pending)} pending")
    done, pending = await asyncio.wait([a, c])
    say(f"all: {len(done)} done, {len(pending)} pending, c gave {c.result()}")
    done, pending = await asyncio.wait([a, asyncio.create_task(job(0.5))],
                                       return_when=asyncio.FIRST_EXCEPTION)
    say(f"no exception: {len(done)} done, {len(pending)} pending")
    # The scenario's coroutine items become tasks in the order written; as_completed would
    # wrap bare coroutines in the order of a set (by address), naming the tasks by chance.
    for f in asyncio.as_completed([asyncio.create_task(job(d)) for d in (1.5, 0.5, 1)]):
        r = await f
        say(f"as_completed gave {r}")
    try:
        for f in asyncio.as_completed([asyncio.create_task(job(2))], timeout=scaled(1)):
            r = await f
            say(f"not reached {r}")
    except TimeoutError:
        say("as_completed timed out")
    say("end")


if __name__ == "__main__":
    run(main)
