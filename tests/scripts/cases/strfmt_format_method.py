# str.format and format_map: numbering, attributes, items, conversions, nested specs.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

p = Point(3, 4)
print("{} + {} = {}".format(1, 2, 1 + 2))
print("{0}{1}{0}".format("ab", "cd"))
print("{name} is {age} years old".format(name="Ann", age=42))
print("x={0.x}, y={0.y}, p={0!r}, s={0!s}".format(p))
print("{0[0]}-{0[2]} {1[key]} {1[1]}".format([10, 20, 30], {"key": "v", 1: "one"}))
print("{:>10}|{:<10}|{:^10}|".format("r", "l", "c"))
print("{:*^{w}}|{:{fill}>{w}}|".format("mid", "x", w=9, fill="."))
print("{0:{1}.{2}f}".format(3.14159, 10, 3))
print("{{literal}} {}".format("and a field"))
print("{!a} {!r}".format("caf\u00e9", "caf\u00e9"))
print("{0:,} {0:_} {0:_x} {1:,.2f} {2:.1%}".format(1234567, 9876.54321, 0.256))
print("{:b} {:o} {:x} {:X} {:#b} {:#o} {:#x} {:c}".format(10, 10, 255, 255, 5, 8, 255, 97))
print("{:e} {:E} {:g} {:G} {:.3} {:n}".format(12345.678, 0.00012, 1e-7, 1e20, 2.0 / 3, 1234))
print("{:+} {: } {:-} {:=+8} {:08.3f}".format(5, 5, -5, -5, -3.14159))
print("{:10.3s}|{:.0}|".format("abcdef", "xyz"))
data = {"user": "bob", "n": 3}
print("{user} has {n} messages".format_map(data))

class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"

print("{a} {b} {c}".format_map(Default(a=1)))
for bad in ["{", "}", "{0} {}", "{} {0}", "{0.}", "{0[}", "{0!x}", "{0:d}", "{5}", "{a}",
            "{:{:{}}}", "{!}", "{0!r"]:
    try:
        print(repr(bad.format("s", "t")))
    except Exception as e:
        print(repr(bad), type(e).__name__ + ":", e)
