# A for loop over range (FOR_ITER on a range iterator, one int object made per step, most of
# them past the small-int cache) with a cheap body.
def run():
    n = 0
    for _ in range(200):
        for i in range(20000):
            n += 1
    return n


print(run())
