# Pancake flipping over every permutation of 1..n: for each permutation and for its mirror
# image, reverse the prefix whose length is the first element until 1 comes first,
# counting flips. The
# permutations come in a fixed rotation order; each flip builds the new order from two
# slices, so it makes and drops three short lists.
# Usage: fannkuch.py [n]   (default 9). Prints a signed checksum and the most flips.
import sys


def flips_of(perm):
    order = perm
    count = 0
    first = order[0]
    while first != 1:
        order = order[first - 1::-1] + order[first:]
        count += 1
        first = order[0]
    return count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    perm = list(range(1, n + 1))
    counters = [0] * n
    checksum = 0
    most = 0
    index = 0
    while True:
        flips = flips_of(perm)
        mirrored = flips_of(perm[::-1])
        if flips > most:
            most = flips
        if mirrored > most:
            most = mirrored
        if index % 2 == 0:
            checksum += flips - 2 * mirrored
        else:
            checksum -= flips - 2 * mirrored
        index += 1
        # The next permutation: rotate the first k + 1 elements left, for the smallest k
        # whose counter has not run out, resetting the counters below it.
        k = 1
        while k < n:
            perm[:k + 1] = perm[1:k + 1] + perm[:1]
            counters[k] += 1
            if counters[k] <= k:
                break
            counters[k] = 0
            k += 1
        if k == n:
            break
    print("fannkuch", n, checksum, most, index)


main()
