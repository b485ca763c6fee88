# A .py module found on sys.path: run once, cached in sys.modules, bound by each form of import.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

print("before import:", "greetings" in sys.modules)
import greetings
print("after import:", "greetings" in sys.modules, sys.modules["greetings"] is greetings)
print(greetings.greet("world"), greetings.LOADS, greetings.__name__)
print(greetings.__doc__)
print(greetings.__file__.endswith("import_helpers/greetings.py"))
print(type(greetings.__builtins__) is dict, greetings.__package__ == "")

import greetings as again
from greetings import greet, GREETING as G
print(again is greetings, greet("you"), G, greetings.LOADS)

def local_import():
    import greetings
    from greetings import LOADS
    return greetings.greet("function"), LOADS
print(local_import())

greetings.GREETING = "bye"
print(greet("changed"))
print(__name__, "greetings" in sys.modules)
