"""Fidelity program for examples/16-queue-workers.loop.json."""
import asyncio

from fidelity_support import run, say, sleep


async def worker(queue):
    while not queue.empty():
        name = await queue.get()
        say(f"Processing {name}")
        await sleep(2)
        say(f"Finished {name}")


async def main():
    queue = asyncio.Queue()
    for name in ["file1", "file2", "file3"]:
        queue.put_nowait(name)
    await asyncio.gather(worker(queue), worker(queue))


if __name__ == "__main__":
    run(main)
