"""Fidelity program for examples/05-gil-cpu-threads.loop.json."""
import asyncio

from fidelity_support import cpu, run, say


async def job(n):
    await asyncio.to_thread(cpu, 2)


async def main():
    say("One job after the other")
    await asyncio.to_thread(cpu, 2)
    await asyncio.to_thread(cpu, 2)
    say("Sequential jobs done; now two threads at once")
    await asyncio.gather(job(1), job(2))
    say("Threaded jobs done: no faster under the GIL")


if __name__ == "__main__":
    run(main)
