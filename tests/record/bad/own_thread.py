# The program starts a thread of its own: it gets no lane (only what asyncio runs does),
# while to_thread's pool thread does.
import asyncio
import threading
import time


def poll():
    time.sleep(0.01)


async def main():
    poller = threading.Thread(target=poll, name="poller")
    poller.start()
    await asyncio.to_thread(time.sleep, 0.01)
    poller.join()
    print("joined")


asyncio.run(main())
