# Tuple unpacking: pairs unpacked by a for loop from a list of tuples (UNPACK_SEQUENCE of
# 2), and a tuple of three built and unpacked again per step (BUILD_TUPLE; UNPACK_SEQUENCE of
# 3: a separate statement, since `x, y, z = a, b, a` compiles to stack swaps in both).
def run():
    pairs = [(i, -i) for i in range(1000)]
    n = 0
    for _ in range(1000):
        for a, b in pairs:
            t = a, b, a
            x, y, z = t
            n += 1
    return n


print(run())
