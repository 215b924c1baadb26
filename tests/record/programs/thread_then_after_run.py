import asyncio
async def main():
    await asyncio.to_thread(print, "in a thread")
    print("main done")
asyncio.run(main())
print("after run")
print(__file__)
