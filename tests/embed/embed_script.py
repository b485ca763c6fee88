# The script embed_api_program.c runs with PyRun_SimpleFile: it uses the host's module and
# defines what the host calls afterwards.
import sys
import embedded

print("script: argv tail", sys.argv[1:], "name", sys.argv[0].rsplit("/", 1)[-1])
print("script: add", embedded.add(2, 40), "count", embedded.count(), embedded.count())
print("script: describe", embedded.describe([1, "two"]), embedded.describe(None))
print("script: greet", embedded.greet("Ada"), embedded.greet("Bob", punct="?"))
print("script: constants", embedded.ANSWER, embedded.greeting, embedded.version_pair)
for name, bad in (("add(1)", lambda: embedded.add(1)),
                  ("add('x', 2)", lambda: embedded.add('x', 2)),
                  ("add(1, b=2)", lambda: embedded.add(1, b=2)),
                  ("count(1)", lambda: embedded.count(1)),
                  ("count(x=1)", lambda: embedded.count(x=1)),
                  ("describe(1, 2)", lambda: embedded.describe(1, 2)),
                  ("describe()", lambda: embedded.describe()),
                  ("greet()", lambda: embedded.greet()),
                  ("greet('a', '!')", lambda: embedded.greet('a', '!')),
                  ("greet('a', colour=1)", lambda: embedded.greet('a', colour=1))):
    try:
        bad()
    except TypeError as e:
        print("script:", name, "->", type(e).__name__ + ":", e)


def scale(x, factor=2, *, offset=0):
    return x * factor + offset


class Counter:
    def __init__(self, start=0):
        self.value = start

    def bump(self, n=1, *, twice=False):
        self.value += n * (2 if twice else 1)
        return self.value

    def __repr__(self):
        return f"Counter({self.value})"


def inner(d):
    return d["missing"]


def outer():
    return inner({"present": 1})


counter = Counter(10)
print("script: done")
