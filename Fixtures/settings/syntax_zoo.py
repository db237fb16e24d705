"""Syntax the parser must accept even if the evaluator ignores it."""
import functools
import logging as log
from collections import OrderedDict, defaultdict as dd
from typing import (
    Any,
    Dict,
)

logger = log.getLogger(__name__)


@functools.lru_cache(maxsize=None)
def cached(x: int, /, y: int = 2, *args: Any, z: int = 3, **kwargs: Dict[str, Any]) -> int:
    return x + y + z


class Config(object):
    """A class with a body."""

    name: str = "zoo"

    @property
    def upper(self):
        return self.name.upper()

    async def fetch(self):
        async with self.session() as session:
            async for item in session:
                await item
        return [i async for i in session]


def gen():
    yield 1
    yield from range(3)
    x = yield
    return x


squares = {n: n * n for n in range(5)}
evens = {n for n in range(10) if n % 2 == 0}
total = sum(n for n in range(10))
pick = lambda a, *, b=1: a if b else None  # noqa: E731
matrix = [[i * j for j in range(3)] for i in range(3)]
head, *tail = [1, 2, 3]
first = matrix[0][1:2]
sliced = matrix[::2]
if (n := len(matrix)) > 2:
    pass
while False:
    break
else:
    pass
for i, (a, b) in enumerate([(1, 2)]):
    continue
with open(__file__) as fh, open(__file__) as gh:
    pass
del head
assert True, "always"
global_name = not (1 is None) and 2 is not None or 3 not in [4]
value = ~5 ^ 3 & 1 << 2 >> 1
lst = [*range(2), *[3]]
merged = {**{"a": 1}, "b": 2}
s = "x" \
    "y"
ALLOWED_HOSTS = ["zoo.example.com"]
DEBUG = False
ROOT_URLCONF = "zoo.urls"
