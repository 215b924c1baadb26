"""A loopback asyncio streams echo server and its clients, for tst_record_lessons.

    python echo_server.py CLIENTS [--block]

Each client sends one line and reads it back; with --block, the handler of the line "7" calls
time.sleep(0.2), a blocking call that freezes the loop.
"""
import asyncio
import sys
import time


async def handle(reader, writer):
    line = await reader.readline()
    if line.strip() == b"7" and "--block" in sys.argv:
        time.sleep(0.2)
    writer.write(line)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{n}\n".encode())
    await writer.drain()
    echoed = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return echoed.decode().strip()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    clients = int(sys.argv[1])
    async with server:
        echoes = await asyncio.gather(*(client(port, n) for n in range(clients)))
    assert echoes == [str(n) for n in range(clients)], echoes
    print(f"{clients} echoes")


asyncio.run(main())
