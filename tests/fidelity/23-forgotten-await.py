"""Fidelity program for examples/23-forgotten-await.loop.json."""
from fidelity_support import run, say, sleep


async def fetch(url):
    say(f"Fetching {url}")
    await sleep(1)
    say(f"Fetched {url}")


async def main():
    say("Main: calling fetch() without await")
    fetch(url="/users")  # no await: the lesson
    say("Main: back at once, nothing was fetched")
    await fetch(url="/users")
    say("Main: done")


if __name__ == "__main__":
    run(main)
