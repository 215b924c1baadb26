"""Values: parameters with defaults, module constants, prints, returns."""
import asyncio

SCALE = 0.5
NAMES = ["a", "b"]
counter = 0


async def fetch(name, delay=1.0, *, retries=2):
    await asyncio.sleep(delay * SCALE)  # request {name}
    return f"{name}:{retries}"


async def bump():
    global counter
    value = counter
    await asyncio.sleep(0)
    counter = value + 1


async def main():
    r = await fetch("x", retries=3)
    total = 0
    total += len(r)
    print("got", r, total, sep=", ", end="!\n")
    print(f"{r!r:>8} {total / 3:.2f} {{literal}}")
    print(r, "done", end="")
    print()
    await bump()
    return total


result = asyncio.run(main())
print(f"result={result} counter={counter}")
