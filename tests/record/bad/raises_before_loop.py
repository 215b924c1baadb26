# Raises at the top level before asyncio.run: no task ever runs.
import asyncio


async def main():
    print("never printed")


print("configuring")
raise ValueError("no configuration")
asyncio.run(main())
