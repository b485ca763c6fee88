# The application's script: it uses the host's module, and defines work() for the host's
# threads.
import host

host.log("app.py starting in " + host.name)
host.log("keyword arguments reach C", level="debug")
print("host.add(2, 3, scale=10) =", host.add(2, 3, scale=10))
start = host.now()
print("host.now() is a float:", isinstance(start, float))
try:
    host.add(1)
except TypeError as e:
    print("TypeError:", e)
try:
    host.log("x", colour="red")
except TypeError as e:
    print("TypeError:", e)


class Accumulator:
    def __init__(self):
        self.items = []

    def push(self, value):
        self.items.append(value)
        return len(self.items)


def work(n):
    # Each thread builds and drops thousands of small objects: the GIL switches between them.
    acc = Accumulator()
    for i in range(20000):
        acc.push((n, i, str(i)))
    return host.add(sum(x[1] for x in acc.items), n, scale=1)


print("elapsed is not negative:", host.now() - start >= 0)
