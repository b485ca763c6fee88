# Attribute reads and writes on an instance (LOAD_ATTR / STORE_ATTR on an instance dict).
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def run():
    p = Point(0, 0)
    for i in range(1000000):
        p.x = p.x + i
        p.y = p.x - p.y
    return p.x + p.y


print(run())
