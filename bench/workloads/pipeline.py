# A generator and comprehension pipeline, as data-processing scripts chain them: a
# generator of records (tuples), generator stages that filter, enrich and window them,
# then list, dict and set comprehensions that group and summarise each batch. Work:
# generator frames suspended and resumed, tuples made and dropped at every stage,
# comprehensions, zip, enumerate, sum, min, max, sorted.
# Usage: pipeline.py [records]   (default 1400000). Prints the summary figures.
import sys


def records(count):
    state = 99
    for i in range(count):
        state = (state * 1103515245 + 12345) % 2147483648
        yield (i, (state >> 16) % 97, (state >> 4) % 1000, "k" + str(state % 13))


def valid(stream):
    for rec in stream:
        if rec[2] % 7 != 3:
            yield rec


def enrich(stream):
    for index, group, amount, key in stream:
        yield (index, group, amount, key, amount * (group + 1) % 1009)


def windows(stream, size):
    batch = []
    for rec in stream:
        batch.append(rec)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def summarise(batch):
    by_key = {}
    for rec in batch:
        by_key.setdefault(rec[3], []).append(rec[4])
    totals = {key: sum(values) for key, values in by_key.items()}
    groups = {rec[1] for rec in batch}
    big = [rec[2] for rec in batch if rec[2] > 900]
    pairs = sum([a[4] * b[4] % 101 for a, b in zip(batch, batch[1:])])
    ranked = sorted(totals, key=lambda key: (-totals[key], key))
    return (len(groups), len(big), pairs, ranked[0], max(totals.values()), min(big, default=0))


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1400000
    checksum = 0
    leaders = {}
    batches = 0
    stages = windows(enrich(valid(records(count))), 64)
    for number, batch in enumerate(stages):
        groups, big, pairs, leader, best, smallest_big = summarise(batch)
        leaders[leader] = leaders.get(leader, 0) + 1
        checksum = (checksum * 17 + groups * 3 + big * 5 + pairs + best + smallest_big
                    + number) % 1000000007
        batches += 1
    squares = sum(x * x for x in range(count) if x % 3 == 0) % 1000003
    top = max(sorted(leaders), key=lambda key: leaders[key])
    print("pipeline", count, batches, checksum, squares, top, leaders[top])


main()
