import asyncio

fut = None


async def answer(x):
    await asyncio.sleep(x)
    return x * 10


async def main():
    c = answer(1)
    print("made, not running")
    r = await c
    print(await answer(2), r)
    total = 1 + await answer(3)
    return await answer(total)


asyncio.run(main())
