import asyncio

lock = asyncio.Lock()
cond = asyncio.Condition(lock)
q = asyncio.Queue(maxsize=2)
q.put_nowait(1)
ready = 0


async def consumer(queue, name):
    item = await queue.get()
    queue.task_done()
    other = queue.get_nowait()
    print(f"{name} got {item}")


async def waiter():
    async with cond:
        await cond.wait_for(lambda: ready > 0)
        cond.notify_all()


async def main():
    sem = asyncio.BoundedSemaphore(2)
    done = asyncio.Event()
    fut = asyncio.get_running_loop().create_future()
    barrier = asyncio.Barrier(2)
    async with sem:
        await q.put(2)
        q.put_nowait(3)
    await consumer(q, "c1")
    await q.join()
    done.set()
    await done.wait()
    fut.set_result([1, "two"])
    value = await fut
    await lock.acquire()
    lock.release()
    pos = await barrier.wait()
    async with cond:
        cond.notify(2)


asyncio.run(main())
