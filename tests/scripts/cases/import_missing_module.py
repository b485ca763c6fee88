# A module minipy does not have is ModuleNotFoundError (an ImportError) naming it, as python3
# says it for a module that does not exist; the uncaught one at the end ends the program.
for name in ["no_such_module_xyz", "no_such_pkg_xyz.sub", "math.no_such_sub"]:
    try:
        __import__(name)
    except ModuleNotFoundError as e:
        print(type(e).__name__, e, e.name, isinstance(e, ImportError))

try:
    import no_such_module_abc
except ImportError as e:
    print("ImportError caught:", e)

try:
    from no_such_module_def import thing
except ModuleNotFoundError as e:
    print("from-import:", e)

try:
    from sys import no_such_name
except ImportError as e:
    print(type(e).__name__, e)

import math
import no_such_module_at_the_end
print("not reached")
