"""Fidelity program for examples/17-future.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def set_answer(future):
    await sleep(2)
    future.set_result("Future result is ready")
    say("Result set")


async def main():
    future = asyncio.get_running_loop().create_future()
    setter = asyncio.create_task(set_answer(future))
    await future
    say("Got the future's result")
    del setter


if __name__ == "__main__":
    run(main)
