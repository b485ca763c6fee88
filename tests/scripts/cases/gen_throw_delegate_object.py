# throw() and close() into `yield from` over an object that is not a generator.




class Delegate:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        return self.n

    def throw(self, *args):
        print("Delegate.throw got", [type(a).__name__ for a in args])
        raise StopIteration("delegate result")

    def close(self):
        print("Delegate.close")


def over_delegate():
    r = yield from Delegate()
    yield r


g = over_delegate()
print(next(g))
print(g.throw(RuntimeError("r")))
g = over_delegate()
next(g)
g.close()

