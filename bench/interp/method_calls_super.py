# Method calls on instances of a Python class (LOAD_ATTR's method form + CALL: the function
# runs in the same loop with self first, no bound method), a call through super(), and
# __init__ through the class call.
class Counter:
    def __init__(self, start):
        self.n = start

    def add(self, k):
        self.n += k
        return self


class Scaled(Counter):
    def add(self, k):
        return super().add(k * 2)


def run():
    c = Counter(0)
    s = Scaled(0)
    total = 0
    for i in range(300000):
        c.add(i)
        s.add(1)
        total += Counter(i).n
    return c.n + s.n + total
print(run())
