import asyncio
import sys

# The child closes its stdout, then lives on for 0.3 s: the pipe's EOF reaches the loop before
# the child's exit does, and between the two the loop watches no file descriptor and no timer.
CHILD = "import os, time; os.write(1, b'from the child'); os.close(1); time.sleep(0.3)"


class Child(asyncio.SubprocessProtocol):
    def __init__(self, exited):
        self.exited = exited

    def pipe_data_received(self, fd, data):
        print("read", data.decode())

    def pipe_connection_lost(self, fd, exc):
        print("pipe closed")

    def process_exited(self):
        print("process exited")
        self.exited.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    exited = loop.create_future()
    transport, _ = await loop.subprocess_exec(lambda: Child(exited), sys.executable, "-c", CHILD,
                                              stdin=None, stderr=None)
    await exited
    print("return code", transport.get_returncode())
    transport.close()


asyncio.run(main())
