"""Fidelity program for examples/24-race-condition.loop.json: check-then-act across an await."""
import asyncio

from fidelity_support import run, say, sleep

tickets = 2


async def attempt(who):
    global tickets
    if tickets > 0:
        say(f"{who} sees {tickets} left, pays")
        await sleep(1)
        tickets -= 1
        say(f"{who} got one, {tickets} left")
    else:
        say(f"{who}: sold out")


async def buy(who, locked, lock):
    if locked:
        async with lock:
            await attempt(who)
    else:
        await attempt(who)


async def main():
    global tickets
    lock = asyncio.Lock()
    tickets = 2
    await asyncio.gather(*(buy(who, False, lock) for who in ("ann", "bob", "cy")))
    say(f"without a lock: {tickets} tickets left")
    tickets = 2
    await asyncio.gather(*(buy(who, True, lock) for who in ("ann", "bob", "cy")))
    say(f"with a lock: {tickets} tickets left")


if __name__ == "__main__":
    run(main)
