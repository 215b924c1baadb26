import asyncio


async def work(i):
    await asyncio.sleep(i)
    return i * 2


async def main():
    t = asyncio.create_task(work(1), name=f"w-{1}")
    tasks = []
    for i in range(3):
        tasks.append(asyncio.create_task(work(i)))
    results = await asyncio.gather(*tasks, work(4), asyncio.sleep(1), return_exceptions=True)
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED, timeout=2)
    r = await asyncio.wait_for(t, timeout=0.5)
    s = await asyncio.shield(work(2))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(5))
    for f in asyncio.as_completed([work(1), work(2)]):
        value = await f
        print(value)
    async with asyncio.timeout(3):
        await work(1)
        await work(2)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled")
    except (ValueError, KeyError):
        raise RuntimeError("bad")
    finally:
        print(f"{results} {r} {s}")


asyncio.run(main())
