# main ends well, then the program raises at the top level, outside any task.
import asyncio


async def main():
    await asyncio.sleep(0.5)
    print("main done")


asyncio.run(main())
raise RuntimeError("report failed")
