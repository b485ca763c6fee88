# A list comprehension (its own frame, FOR_ITER over range, LIST_APPEND) called many times.
def run():
    s = 0
    for _ in range(200):
        s += len([x * 2 for x in range(5000) if x % 3])
    return s
print(run())
