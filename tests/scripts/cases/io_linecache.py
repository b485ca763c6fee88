# linecache: lines of this program and of files it writes; the cache and checkcache.
import linecache
import sys

print(repr(linecache.getline(__file__, 1)))
print(repr(linecache.getline(__file__, 3)), repr(linecache.getline(__file__, 0)),
      repr(linecache.getline(__file__, 10000)))
here = __file__.rpartition("/")[2]
print(repr(linecache.getline(here, 2)))  # relative: found along sys.path
entry = linecache.cache[here]
print(len(entry), entry[3] == __file__, entry[0] > 0, type(entry[1]).__name__)
print(repr(linecache.getline("<string>", 1)), repr(linecache.getline("", 1)),
      repr(linecache.getline("missing.py", 1)), linecache.getlines("missing.py"))

with open("module.py", "w") as f:
    f.write("first = 1\nsecond = 2\r\nthird = 3\rlast = 'no newline'")
print(linecache.getlines("module.py"))
with open("module.py", "w") as f:
    f.write("changed\n")
print(linecache.getline("module.py", 1))  # still cached
linecache.checkcache("module.py")
print(linecache.getline("module.py", 1))
linecache.checkcache()
print("module.py" in linecache.cache)

with open("latin.py", "wb") as f:
    f.write(b"# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\n")
print(linecache.getlines("latin.py"))
with open("bom.py", "wb") as f:
    f.write(b"\xef\xbb\xbfx = '\xc3\xa9'\n")
print(linecache.getlines("bom.py"))
with open("bad.py", "wb") as f:
    f.write(b"x = '\xff'\n")
print(linecache.getlines("bad.py"))

class Loader:
    def get_source(self, name):
        return "line one\nline two from %s" % name

print(linecache.lazycache("virtual.py", {"__name__": "virtual", "__loader__": Loader()}))
print(linecache.cache["virtual.py"].__class__.__name__, len(linecache.cache["virtual.py"]))
print(linecache.getlines("virtual.py"), linecache.cache["virtual.py"][1])
print(linecache.lazycache("<x>", {}), linecache.lazycache("other.py", None))
linecache.clearcache()
print(linecache.cache)
