# Source: https://github.com/realpython/materials/blob/47bc8f342ffe828deb888cbb702f79f22d003838/asyncio-walkthrough/rand.py
#   (the programs of Real Python's "Async IO in Python: A Complete Walkthrough")
# Author: Real Python, (c) 2018 Real Python
# Licence: MIT, Copyright (c) 2018 Real Python; the full notice is in LICENSE-realpython.txt
# Changes: unchanged (it seeds random itself, in each task; its prints hold ANSI colours)

#!/usr/bin/env python3
# rand.py

import asyncio
import random

# colors
c = {
    1:     '\033[36m',  # cyan
    2:     '\033[91m',  # red
    3:     '\033[35m',  # magenta
    'end': '\033[0m'    # end of color
}

async def randint(a, b):
    return random.randint(a, b)

async def makerandom(idx, threshold=6, seed=444):
    random.seed(seed)
    print(c[idx] + f'Initiated makerandom({idx}).')
    i = await randint(0, 10)
    while i <= threshold:
        print(c[idx] + f'makerandom({idx}) == {i} too low; retrying.')
        await asyncio.sleep(idx)
        i = await randint(0, 10)
    print(c[idx] + f'---> Finished: makerandom({idx}) == {i}' + c['end'])
    return i

async def main():
    res = await asyncio.gather(*(makerandom(i, 10-i) for i in range(1, 4)))
    return res

if __name__ == '__main__':
    random.seed(444)
    r1, r2, r3 = asyncio.run(main())
    print()
    print(f'r1: {r1}, r2: {r2}, r3: {r3}')
