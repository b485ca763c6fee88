# A for loop over a list (FOR_ITER on a list iterator: no object made per step) with a cheap
# body.
def run():
    items = list(range(20000))
    n = 0
    for _ in range(200):
        for x in items:
            n += 1
    return n


print(run())
