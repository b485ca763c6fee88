# sys.modules is the import cache: what it holds is what import returns, a None entry stops an
# import, and removing an entry makes the next import load the module again.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

sys.modules["fake_module"] = sys
import fake_module
print(fake_module is sys)
sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__ + ":", e)
import greetings
first = greetings
del sys.modules["greetings"]
import greetings
print(first is greetings, greetings.LOADS)
sys.path.remove(sys.path[0])
try:
    import star_all
except ModuleNotFoundError as e:
    print(type(e).__name__ + ":", e)
sys.path.append(sys.path[0] + "/import_helpers")
import star_all
print(star_all.alpha)
