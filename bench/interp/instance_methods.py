# Method calls on instances of a Python class (LOAD_ATTR's method form + CALL of a Python
# function with self), and making short-lived instances.
class Counter:
    def __init__(self, start):
        self.n = start

    def step(self, k):
        self.n += k
        return self.n


def run():
    c = Counter(0)
    t = 0
    for i in range(500000):
        t += c.step(i & 7)
        if i % 100 == 0:
            c = Counter(c.n)
    return t


print(run())
