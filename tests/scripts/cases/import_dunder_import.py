# builtins.__import__: what the import statement calls, and its argument checks.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

top = __import__("shapes.flat")
print(top.__name__)
leaf = __import__("shapes.flat", fromlist=["square"])
print(leaf.__name__, leaf.square(5))
print(__import__("sys") is sys)
print(__import__("units", {"__package__": "shapes"}, None, [], 1).SCALE)
print(__import__("", {"__name__": "shapes.solids", "__path__": []}, None, ["cube"], 1).__name__)

for args, kwargs in [((), {}), (("",), {}), (("sys",), {"level": -1}), ((42,), {}),
                     (("x",), {"level": 1}), (("x",), {"fromlist": 5})]:
    try:
        __import__(*args, **kwargs)
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(__import__("sys", fromlist=[]) is sys)
