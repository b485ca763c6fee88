"""A plain module: names, a function, a counter of how often its body ran."""
import sys

print("greetings: body runs as", __name__)
LOADS = getattr(sys, "_greetings_loads", 0) + 1
sys._greetings_loads = LOADS
GREETING = "hello"


def greet(name):
    return f"{GREETING}, {name}!"


_private = "not exported by *"

if __name__ == "__main__":
    print("never printed when imported")
