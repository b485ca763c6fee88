# Spectral norm of the infinite matrix a(i, j) = 1 / ((i + j) * (i + j + 1) / 2 + i + 1),
# cut to n x n, by power iteration on A^T A: nested loops over floats, list comprehensions
# and zip, a new list per product.
# Usage: spectral_norm.py [n]   (default 470). Prints the norm.
import sys


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(vector, transposed):
    n = len(vector)
    result = []
    for i in range(n):
        acc = 0.0
        if transposed:
            for j, value in enumerate(vector):
                acc += entry(j, i) * value
        else:
            for j, value in enumerate(vector):
                acc += entry(i, j) * value
        result.append(acc)
    return result


def times_ata(vector):
    return times(times(vector, False), True)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 470
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = sum([a * b for a, b in zip(u, v)])
    vv = sum([b * b for b in v])
    print("spectral_norm", n, repr((vbv / vv) ** 0.5))


main()
