# Method calls on built-in objects (LOAD_ATTR method form + CALL): list.append, dict.get.
def run():
    xs = []
    d = {"a": 1}
    t = 0
    for i in range(500000):
        xs.append(i)
        t += d.get("a", 0)
    return len(xs) + t
print(run())
