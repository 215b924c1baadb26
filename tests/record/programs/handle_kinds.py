"""Which handles the recorder's hooks run in (test_recorder_handles.py): a reader's I/O
callback in asyncio's own Handle._run, a task's step in the step hook."""
import asyncio
import socket


def kind(handle):
    return "asyncio's" if type(handle)._run.__module__ == "asyncio.events" else "hooked"


async def reader(sock, data):
    await data
    print("read", data.result())


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    data = loop.create_future()
    loop.add_reader(a, lambda: data.set_result(a.recv(10)))
    task = asyncio.create_task(reader(a, data), name="reader")
    print("step handle:", kind(loop._ready[-1]))
    print("reader handle:", kind(loop._selector.get_key(a).data[0]))
    await asyncio.sleep(1)
    b.send(b"ping")
    await task
    loop.remove_reader(a)
    a.close()
    b.close()


asyncio.run(main())
