"""CPython program for tests/runtime/scenarios/prims/shield.loop.json: cancelling the task that
awaits asyncio.shield(aw) leaves the inner task running (a coroutine's, and a task given)."""
import asyncio

from fidelity_support import run, say, sleep


async def inner(n):
    say(f"inner {n} starts")
    await sleep(2)
    say(f"inner {n} done")
    return n * 100


async def guard(n):
    try:
        r = await asyncio.shield(inner(n))
        say(f"guard {n} got {r}")
    finally:
        say(f"guard {n} leaves")


async def keep(t):
    r = await asyncio.shield(t)
    say(f"keep got {r}")


async def main():
    g = asyncio.create_task(guard(1))
    await sleep(1)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        say(f"guard cancelled: {g.cancelled()}")
    t = asyncio.create_task(inner(2))
    k = asyncio.create_task(keep(t))
    await sleep(0.5)
    k.cancel()
    try:
        await k
    except asyncio.CancelledError:
        say(f"keep cancelled, t running: {not t.done()}")
    v = await t
    say(f"t gave {v}")
    w = await asyncio.shield(inner(3))
    say(f"end {w}")


if __name__ == "__main__":
    run(main)
