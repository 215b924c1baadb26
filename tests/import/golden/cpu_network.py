# CPU work and network calls get estimates and placeholders
import asyncio
import random

import requests

N = 1000
random.seed(7)


def crunch():
    total = 0
    for i in range(N):
        total += i * i
    return total


async def fetch(url):
    page = requests.get(url)  # blocks the loop
    await asyncio.sleep(random.uniform(0.1, 0.2))
    reader, writer = await asyncio.open_connection("example.com", 80)


async def compute(n):
    total = 0
    for i in range(n):
        total += i
    crunch()
    x = 0
    while x < N:
        x += 1
    print(x)


async def main():
    await fetch("http://example.com")
    await compute(10)
    await asyncio.to_thread(requests.get, "http://example.com")


asyncio.run(main())
