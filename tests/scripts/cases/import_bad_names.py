# Odd names, fromlists, globals and sys.path entries: CPython's errors, never a crash.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")


def attempt(call):
    try:
        result = call()
        print("ok", type(result).__name__)
    except BaseException as e:
        print(type(e).__name__ + ":", e)


attempt(lambda: __import__("shapes", fromlist=5))
attempt(lambda: __import__("shapes", fromlist=[5]))
attempt(lambda: __import__("shapes", fromlist="ab"))
attempt(lambda: __import__("a\x00b"))
attempt(lambda: __import__("sys\x00x"))
attempt(lambda: __import__("\udcff"))
attempt(lambda: __import__("x" * 300))
attempt(lambda: __import__(".."))
attempt(lambda: __import__("a..b"))
attempt(lambda: __import__(".a"))
attempt(lambda: __import__("x", {"__package__": 5}, None, [], 1))
attempt(lambda: __import__("x", {"__name__": 5}, None, [], 1))
attempt(lambda: __import__("x", 5, None, [], 1))
attempt(lambda: __import__("x", None, None, [], 1))
attempt(lambda: __import__("x", {"__package__": "a.b"}, None, [], 5))
saved = sys.path
sys.path = [1, None, b"/tmp", ""]
attempt(lambda: __import__("nothing_here"))
del sys.path
attempt(lambda: __import__("nothing_here_either"))
sys.path = saved
sys.modules["odd_entry"] = 42
attempt(lambda: __import__("odd_entry"))
attempt(lambda: __import__("odd_entry.sub"))
