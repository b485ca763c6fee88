# get/setrecursionlimit: the limit deep Python calls run into.
import sys

print(sys.getrecursionlimit())


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(900))
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit(), depth(1900))
sys.setrecursionlimit(100)
try:
    depth(200)
except RecursionError as e:
    print("RecursionError:", e)
print(depth(50))
for bad in (0, -5, 1.5, "10"):
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())


def set_deep(k, limit):
    if k == 0:
        try:
            sys.setrecursionlimit(limit)
        except RecursionError as e:
            print("RecursionError:", e)
        return
    set_deep(k - 1, limit)


set_deep(10, 5)
for low in (1, 2):
    try:
        sys.setrecursionlimit(low)
    except RecursionError as e:
        print("RecursionError:", e)
print(sys.getrecursionlimit())
