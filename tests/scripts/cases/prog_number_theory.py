# Number theory toolkit with big integers: a sieve of Eratosthenes, trial-division and
# Pollard-rho factorisation, Euler's totient, modular inverses by the extended Euclidean
# algorithm, a deterministic Miller-Rabin test, RSA with small keys, and perfect numbers.


def sieve(n):
    flags = [True] * (n + 1)
    flags[0:2] = [False, False]
    for p in range(2, int(n ** 0.5) + 1):
        if flags[p]:
            flags[p * p::p] = [False] * len(range(p * p, n + 1, p))
    return [i for i, f in enumerate(flags) if f]


def is_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def pollard_rho(n, c=1):
    x = y = 2
    d = 1
    while d == 1:
        x = (x * x + c) % n
        y = (y * y + c) % n
        y = (y * y + c) % n
        d = gcd(abs(x - y), n)
    return d if d != n else pollard_rho(n, c + 1)


def factor(n):
    if n < 1:
        raise ValueError(f"cannot factor {n}")
    factors = {}
    for p in sieve(1000):
        while n % p == 0:
            factors[p] = factors.get(p, 0) + 1
            n //= p
    stack = [n] if n > 1 else []
    while stack:
        m = stack.pop()
        if is_prime(m):
            factors[m] = factors.get(m, 0) + 1
        else:
            d = pollard_rho(m)
            stack += [d, m // d]
    return dict(sorted(factors.items()))


def totient(n):
    result = n
    for p in factor(n):
        result -= result // p
    return result


def inverse(a, m):
    old_r, r, old_s, s = a, m, 1, 0
    while r:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
    if old_r != 1:
        raise ValueError(f"{a} has no inverse modulo {m}")
    return old_s % m


primes = sieve(100)
print(len(primes), "primes below 100:", primes[-5:], "twin pairs:", sum(q - p == 2 for p, q in zip(primes, primes[1:])))
for n in [360, 2 ** 32 + 1, 600851475143, 10 ** 18 + 9, 2 ** 61 - 1, 1]:
    f = factor(n)
    print(f"{n} = {' * '.join(f'{p}^{e}' if e > 1 else str(p) for p, e in f.items()) or '1'}")
print("totients:", [totient(n) for n in range(1, 16)])
print("inverses mod 26:", {a: inverse(a, 26) for a in (3, 5, 7, 25)})
p, q = 1000003, 1000033
n, phi, e = p * q, (p - 1) * (q - 1), 65537
d = inverse(e, phi)
message = int.from_bytes(b"minipy", "big")
cipher = pow(message, e, n)
plain = pow(cipher, d, n)
print(f"rsa n={n} d={d} cipher={cipher} plain={plain.to_bytes(6, 'big')}")
print("perfect numbers:", [2 ** (k - 1) * (2 ** k - 1) for k in range(2, 32) if is_prime(2 ** k - 1)])
print("mersenne exponents to 130:", [k for k in range(2, 130) if is_prime(2 ** k - 1)])
for bad in [lambda: inverse(4, 26), lambda: factor(0)]:
    try:
        bad()
    except ValueError as err:
        print("ValueError:", err)
print(pow(3, -1, 7), pow(2, 10 ** 6, 10 ** 9 + 7), gcd(2 ** 100 - 1, 2 ** 60 - 1) == 2 ** 20 - 1)
