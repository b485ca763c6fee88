# The built-in modules: in sys.builtin_module_names, one object per interpreter, repr.
import sys
import gc
import time
import builtins

for name in ("sys", "gc", "time", "builtins"):
    print(name, name in sys.builtin_module_names, sys.modules[name] is __import__(name))
print(sys, gc, time, builtins)
print(builtins.len("abc"), builtins is __builtins__)
del sys.modules["time"]
import time as time2
print(time2.time is not None, "time" in sys.modules)
print(sys.__name__, gc.__name__, sys.__spec__.name, sys.__spec__.origin)
print(type(sys.__loader__).__name__ if not isinstance(sys.__loader__, type) else sys.__loader__.__name__)
print(__name__, __spec__, __package__)
