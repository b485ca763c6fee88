# A metaclass whose __prepare__ returns a mapping that is not a dict: the class body's names,
# its annotations and a free variable of the enclosing function all go through the mapping's
# __getitem__ / __setitem__ / __delitem__, in CPython's order.
class Namespace:
    def __init__(self):
        self.data = {}
        self.log = []
    def __getitem__(self, k):
        self.log.append("get " + k)
        return self.data[k]
    def __setitem__(self, k, v):
        self.log.append("set " + k)
        self.data[k] = v
    def __delitem__(self, k):
        del self.data[k]
    def keys(self): return self.data.keys()
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return Namespace()
    def __new__(mcls, name, bases, ns):
        print(ns.log)
        return super().__new__(mcls, name, bases, dict(ns.data))
def f():
    x = 10
    class C(metaclass=Meta):
        y = x
        z: int = 3
        w = y + 1
        del w
    return C
C = f()
print(C.y, C.z, C.__annotations__, hasattr(C, "w"))
