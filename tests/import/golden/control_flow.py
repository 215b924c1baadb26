import asyncio


async def tick(n):
    for i in range(n):
        if i % 2 == 0:
            continue
        elif i > 5:
            break
        else:
            print(f"odd {i}")
    for i in range(1, n, 2):
        print(i)
    for _ in range(3):
        await asyncio.sleep(0.1)
    while n > 0:
        n -= 1
        await asyncio.sleep(0)
    while True:
        await asyncio.sleep(1)
        break


async def main():
    await tick(4)


if __name__ == "__main__":
    asyncio.run(main())
