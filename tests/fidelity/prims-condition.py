"""CPython program for tests/runtime/scenarios/prims/condition.loop.json: a Condition on a shared
lock (wait_for with a predicate, wait, notify_all, notify(1)) and a Barrier of 3."""
import asyncio

from fidelity_support import run, say, sleep

stock = 0


async def consumer(n, cond):
    global stock
    async with cond:
        say(f"consumer {n} waits")
        await cond.wait_for(lambda: stock >= n)
        stock = stock - n
        say(f"consumer {n} took {n}, {stock} left")


async def waiter(n, cond, lk):
    async with cond:
        await cond.wait()
        say(f"waiter {n} woke, lock held: {lk.locked()}")


async def party(n, bar):
    await sleep(n)
    i = await bar.wait()
    say(f"party {n} passes as {i}")


async def main():
    global stock
    lk = asyncio.Lock()
    cond = asyncio.Condition(lk)
    bar = asyncio.Barrier(3)
    stock = 0
    c2 = asyncio.create_task(consumer(2, cond))
    c1 = asyncio.create_task(consumer(1, cond))
    w1 = asyncio.create_task(waiter(1, cond, lk))
    w2 = asyncio.create_task(waiter(2, cond, lk))
    await sleep(1)
    async with cond:
        stock = 1
        cond.notify_all()
    await sleep(1)
    async with cond:
        stock = 2
        cond.notify(1)
    await asyncio.gather(c1, c2, w1, w2, party(0.5, bar), party(1, bar), party(1.5, bar))
    say(f"end, stock {stock}")


if __name__ == "__main__":
    run(main)
