"""Pattern matching, async code, decorators with arguments, and annotations."""
from __future__ import annotations

import asyncio
import math
from typing import Callable, Iterable


def retry(times: int = 3, *, on: tuple[type[BaseException], ...] = (OSError,)):
    def decorate(fn: Callable) -> Callable:
        async def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return await fn(*args, **kwargs)
                except on as exc:
                    if attempt == times:
                        raise RuntimeError(f"gave up after {attempt}") from exc
        return wrapper
    return decorate


def area(shape) -> float:
    match shape:
        case {"kind": "circle", "r": r} if r >= 0:
            return math.pi * r ** 2
        case {"kind": "rect", "w": w, "h": h}:
            return w * h
        case ("square", side) | ["square", side]:
            return side * side
        case Point(x=0, y=0):
            return 0.0
        case [*points] if len(points) > 2:
            return polygon(points)
        case str() | bytes() as raw:
            raise TypeError(f"cannot measure {raw!r}")
        case _:
            return float("nan")


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y


def polygon(points: Iterable[tuple[float, float]]) -> float:
    pts = list(points)
    return abs(sum(x0 * y1 - x1 * y0
                   for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]))) / 2


@retry(times=2)
async def fetch(i: int) -> int:
    await asyncio.sleep(0)
    return i * 2


async def main() -> None:
    results = await asyncio.gather(*(fetch(i) for i in range(3)))
    async with asyncio.timeout(1):
        async for value in ticker(3):
            print(value, results)
    shapes = [{"kind": "circle", "r": 1}, ("square", 2), [(0, 0), (1, 0), (0, 1)]]
    print([round(area(s), 3) for s in shapes])


async def ticker(n):
    for i in range(n):
        yield i
        await asyncio.sleep(0)


if __name__ == "__main__":
    asyncio.run(main())
