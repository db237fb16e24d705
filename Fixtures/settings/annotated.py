from typing import List

DEBUG: bool = False
ALLOWED_HOSTS: List[str] = ["ann.example.com"]
A = B = "chained"
X, Y = 1, 2
(P, Q) = ["p", "q"]
[R, S] = ("r", "s")
PORT: int
TIMEOUT = 30
TIMEOUT *= 2
COUNT = 10
COUNT -= 3
ROOT_URLCONF = "ann.urls"
