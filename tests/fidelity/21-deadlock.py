"""Fidelity program for examples/21-deadlock.loop.json.

CPython would hang here for ever; run(..., watch_deadlock=True) stops the program once nothing
has printed for 1 scenario second and reports the deadlock at the instant of the last print."""
import asyncio

from fidelity_support import run, say, sleep


async def transfer_ab(lock_a, lock_b):
    async with lock_a:
        say("A-to-B holds a")
        await sleep(1)
        say("A-to-B wants b")
        async with lock_b:
            say("A-to-B holds both")


async def transfer_ba(lock_a, lock_b):
    async with lock_b:
        say("B-to-A holds b")
        await sleep(1)
        say("B-to-A wants a")
        async with lock_a:
            say("B-to-A holds both")


async def main():
    lock_a, lock_b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(transfer_ab(lock_a, lock_b), transfer_ba(lock_a, lock_b))


if __name__ == "__main__":
    run(main, watch_deadlock=True)
