# Digits of pi from a spigot over big ints (Gibbons' streaming algorithm: a linear
# fractional transformation folded with the terms of a series, a digit emitted whenever
# the floor of two of its values agree). The four coefficients grow to thousands of
# digits, so the work is big-int multiplication and division, with every operation
# allocating a new, ever larger int.
# Usage: pidigits.py [digits]   (default 7500). Prints the digit count, the last 20
# digits and the sum of all digits.
import sys


def pi_digits(count):
    q, r, t = 1, 0, 1
    k = 0
    digits = []
    while len(digits) < count:
        k += 1
        odd = 2 * k + 1
        # Fold in the k-th term: [[q, r], [0, t]] x [[k, 4k + 2], [0, 2k + 1]].
        q, r, t = q * k, (2 * q + r) * odd, t * odd
        digit, rem = divmod(3 * q + r, t)
        if rem + q >= t:
            continue
        # floor((3q + r) / t) == floor((4q + r) / t): the digit is certain; take it out.
        digits.append(digit)
        q, r = q * 10, (r - digit * t) * 10
    return digits


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 7500
    digits = pi_digits(count)
    tail = "".join([str(d) for d in digits[-20:]])
    print("pidigits", count, tail, sum(digits))


main()
