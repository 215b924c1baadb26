"""Fidelity program for examples/22-web-server.loop.json."""
import asyncio

from fidelity_support import block, run, say, sleep


async def handle(n):
    say(f"Request {n} received")
    await sleep(5)
    say(f"Response {n} sent")


async def handle_blocking(n):
    say(f"Request {n} received")
    block(5)
    say(f"Response {n} sent")


def request(coro, n):
    return asyncio.create_task(coro(n), name=f"req-{n}")


async def main():
    say("Batch 1: every handler awaits its query")
    await asyncio.gather(request(handle, 1), request(handle, 2), request(handle, 3))
    say("Batch 2: one handler blocks")
    await asyncio.gather(request(handle, 4), request(handle_blocking, 5), request(handle, 6))
    say("Batch 2 took 10 s")


if __name__ == "__main__":
    run(main)
