# Attribute reads and writes on instances of a Python class (the instance dict), a class
# attribute read through the instance, and a property.
class Point:
    scale = 3

    def __init__(self, x, y):
        self.x = x
        self.y = y

    @property
    def norm1(self):
        return abs(self.x) + abs(self.y)


def run():
    p = Point(1, 2)
    total = 0
    for i in range(500000):
        p.x = p.y + i
        p.y = p.x - i
        total += p.x * p.scale + p.norm1
    return total
print(run())
