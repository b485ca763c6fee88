"""Pseudo-random numbers: integers in ranges, choices from and permutations of sequences, and
real numbers from the uniform, normal, gamma, beta, von Mises and other distributions.

minipy's random (frozen into the binary from interp/src/modules/random.py) over the Mersenne
Twister of the _random built-in module. It draws exactly as CPython 3.11's module does, so a
seed gives the same numbers as python3.11: integers below n by rejection sampling with
getrandbits, floats from random(). SystemRandom reads the kernel's entropy instead."""

from _random import (Random as _BaseRandom, _log, _exp, _sqrt, _cos, _sin, _acos, _floor,
                     _ceil, _isfinite, _index, _sha512, _urandom)

__all__ = ["Random", "SystemRandom", "betavariate", "choice", "choices", "expovariate",
           "gammavariate", "gauss", "getrandbits", "getstate", "lognormvariate",
           "normalvariate", "paretovariate", "randbytes", "randint", "random", "randrange",
           "sample", "seed", "setstate", "shuffle", "triangular", "uniform",
           "vonmisesvariate", "weibullvariate"]

_pi = 3.141592653589793
_e = 2.718281828459045
TWOPI = 2.0 * _pi
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
BPF = 53            # the bits of a float's mantissa, as random() fills them
RECIP_BPF = 2 ** -BPF
_ONE = 1            # randrange's default step, told apart from an explicit 1 by identity

# The byte strings seed() hashes (minipy may lack bytearray).
try:
    _BYTES_TYPES = (bytes, bytearray)
except NameError:
    _BYTES_TYPES = (bytes,)

# What sample() takes as a population (collections.abc.Sequence's built-in members).
_SEQUENCE_TYPES = (list, tuple, str, range) + _BYTES_TYPES


def _running_sums(values):
    # itertools.accumulate's list: each value added to the sum of those before it.
    sums = []
    total = None
    for value in values:
        total = value if total is None else total + value
        sums.append(total)
    return sums


def _bisect_right(a, x, lo, hi):
    # The index after the last item of a[lo:hi] <= x (a sorted).
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


class Random(_BaseRandom):
    """A generator with its own state (random's functions share one instance). Subclass it
    and override random() (and getrandbits(), for integers of any size) to use another
    source of bits."""

    VERSION = 3     # getstate()'s format

    def __init__(self, x=None):
        self.seed(x)
        self.gauss_next = None

    def __init_subclass__(cls, /, **kwargs):
        # Which integer sampler a subclass gets: by getrandbits if the nearest class that
        # defines one of these defines getrandbits, by random() alone if it defines random.
        for klass in cls.__mro__:
            attrs = klass.__dict__
            if '_randbelow' in attrs:
                break
            if 'getrandbits' in attrs:
                cls._randbelow = cls._randbelow_with_getrandbits
                break
            if 'random' in attrs:
                cls._randbelow = cls._randbelow_without_getrandbits
                break

    def seed(self, a=None, version=2):
        """Sets the state from a: None (the kernel's entropy), an int (all its bits), a float
        (its hash), or a str, bytes or bytearray (version 2: the text and its SHA-512 read as
        one integer; version 1: the older, narrower string hash)."""
        if version == 1 and isinstance(a, (str, bytes)):
            text = a.decode('latin-1') if isinstance(a, bytes) else a
            h = ord(text[0]) << 7 if text else 0
            for ch in text:
                h = ((1000003 * h) ^ ord(ch)) & 0xFFFFFFFFFFFFFFFF
            h ^= len(text)
            a = -2 if h == -1 else h
        elif version == 2 and isinstance(a, (str,) + _BYTES_TYPES):
            data = a.encode() if isinstance(a, str) else a
            a = int.from_bytes(data + _sha512(bytes(data)), 'big')
        elif not isinstance(a, (type(None), int, float, str) + _BYTES_TYPES):
            raise TypeError('The only supported seed types are: None,\n'
                            'int, float, str, bytes, and bytearray.')
        super().seed(a)
        self.gauss_next = None

    def getstate(self):
        """The state, for setstate(): (VERSION, the generator's words, gauss's spare value)."""
        return self.VERSION, super().getstate(), self.gauss_next

    def setstate(self, state):
        """Restores a state getstate() returned (version 3, or version 2's of Python 2)."""
        version = state[0]
        if version == 3:
            version, words, self.gauss_next = state
            super().setstate(words)
        elif version == 2:
            version, words, self.gauss_next = state
            try:
                words = tuple(word % (2 ** 32) for word in words)
            except ValueError as e:
                raise TypeError from e
            super().setstate(words)
        else:
            raise ValueError("state with version %s passed to Random.setstate() of version %s"
                             % (version, self.VERSION))

    def __getstate__(self):
        return self.getstate()

    def __setstate__(self, state):
        self.setstate(state)

    def __reduce__(self):
        return self.__class__, (), self.getstate()

    # --- integers ------------------------------------------------------------------------

    def _randbelow_with_getrandbits(self, n):
        # Uniform in [0, n) for n > 0: draw as many bits as n has until the value is below n
        # (fewer than two draws on average).
        getrandbits = self.getrandbits
        bits = n.bit_length()
        r = getrandbits(bits)
        while r >= n:
            r = getrandbits(bits)
        return r

    def _randbelow_without_getrandbits(self, n, maxsize=1 << BPF):
        # Uniform in [0, n) from random() alone: floats at or above the largest multiple of
        # n under 2**53 are drawn again, so that every residue is equally likely.
        random = self.random
        if n >= maxsize:
            return _floor(random() * n)     # (CPython warns here: not enough bits)
        limit = (maxsize - maxsize % n) / maxsize
        r = random()
        while r >= limit:
            r = random()
        return _floor(r * maxsize) % n

    _randbelow = _randbelow_with_getrandbits

    def randbytes(self, n):
        """n random bytes."""
        return self.getrandbits(n * 8).to_bytes(n, 'little')

    def randrange(self, start, stop=None, step=_ONE):
        """A random item of range(start, stop, step), without building the range."""
        istart = _integer_argument(start, "arg 1")
        if stop is None:
            if step is not _ONE:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError("empty range for randrange()")
        istop = _integer_argument(stop, "stop")
        width = istop - istart
        istep = _integer_argument(step, "step")
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
        if istep > 0:
            count = (width + istep - 1) // istep
        elif istep < 0:
            count = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if count <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * self._randbelow(count)

    def randint(self, a, b):
        """A random integer in [a, b], both ends included."""
        return self.randrange(a, b + 1)

    # --- sequences -----------------------------------------------------------------------

    def choice(self, seq):
        """A random item of a non-empty sequence."""
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        """Shuffles the mutable sequence x in place (Fisher-Yates, from the end)."""
        randbelow = self._randbelow
        for i in reversed(range(1, len(x))):
            j = randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        """k distinct items of population (a sequence), in the order they were drawn; with
        counts, the population holds each item that many times."""
        if not isinstance(population, _SEQUENCE_TYPES):
            raise TypeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
        n = len(population)
        if counts is not None:
            cumulative = _running_sums(counts)
            if len(cumulative) != n:
                raise ValueError('The number of counts does not match the population')
            total = cumulative.pop()
            if not isinstance(total, int):
                raise TypeError('Counts must be integers')
            if total <= 0:
                raise ValueError('Total of counts must be greater than zero')
            picks = self.sample(range(total), k=k)
            return [population[_bisect_right(cumulative, s, 0, len(cumulative))]
                    for s in picks]
        randbelow = self._randbelow
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        # Two strategies, picked by comparing the memory each needs: a copy of the population
        # with the drawn items swapped out when it is small, else a set of the drawn indices.
        set_size = 21
        if k > 5:
            set_size += 4 ** _ceil(_log(k * 3, 4))
        if n <= set_size:
            pool = list(population)
            for i in range(k):
                j = randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            taken = set()
            for i in range(k):
                j = randbelow(n)
                while j in taken:
                    j = randbelow(n)
                taken.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        """k items of population drawn with replacement, all equally likely or weighted by
        weights (relative) or cum_weights (running totals)."""
        random = self.random
        n = len(population)
        if cum_weights is None:
            if weights is None:
                size = n + 0.0
                return [population[_floor(random() * size)] for _ in range(k)]
            try:
                cum_weights = _running_sums(weights)
            except TypeError:
                if not isinstance(weights, int):
                    raise
                k = weights
                raise TypeError(
                    f'The number of choices must be a keyword argument: {k=}') from None
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        if not _isfinite(total):
            raise ValueError('Total of weights must be finite')
        last = n - 1
        return [population[_bisect_right(cum_weights, random() * total, 0, last)]
                for _ in range(k)]

    # --- real distributions --------------------------------------------------------------

    def uniform(self, a, b):
        """A random float between a and b."""
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        """The triangular distribution on [low, high] peaking at mode (the middle by default)."""
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        """The normal distribution (Kinderman and Monahan's ratio of uniforms)."""
        random = self.random
        while True:
            u1 = random()
            u2 = 1.0 - random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            if z * z / 4.0 <= -_log(u2):
                break
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        """The normal distribution by Box-Muller: each pair of uniforms gives two values, the
        second kept for the next call (seed() and setstate() drop it)."""
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            random = self.random
            angle = random() * TWOPI
            radius = _sqrt(-2.0 * _log(1.0 - random()))
            z = _cos(angle) * radius
            self.gauss_next = _sin(angle) * radius
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        """The log-normal distribution: exp of normalvariate(mu, sigma)."""
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        """The exponential distribution with rate lambd (1 / the mean)."""
        return -_log(1.0 - self.random()) / lambd

    def vonmisesvariate(self, mu, kappa):
        """The von Mises distribution: angles around mu in [0, 2*pi) with concentration kappa
        (Best and Fisher's rejection method)."""
        random = self.random
        if kappa <= 1e-6:
            return TWOPI * random()
        s = 0.5 / kappa
        r = s + _sqrt(1.0 + s * s)
        while True:
            z = _cos(_pi * random())
            d = z / (r + z)
            u = random()
            if u < 1.0 - d * d or u <= (1.0 - d) * _exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        if random() > 0.5:
            return (mu + _acos(f)) % TWOPI
        return (mu - _acos(f)) % TWOPI

    def gammavariate(self, alpha, beta):
        """The gamma distribution with shape alpha and scale beta (both > 0): Cheng's method
        above alpha 1, the exponential at 1, Ahrens and Dieter's below."""
        if alpha <= 0.0 or beta <= 0.0:
            raise ValueError('gammavariate: alpha and beta must be > 0.0')
        random = self.random
        if alpha > 1.0:
            ainv = _sqrt(2.0 * alpha - 1.0)
            bbb = alpha - LOG4
            ccc = alpha + ainv
            while True:
                u1 = random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - random()
                v = _log(u1 / (1.0 - u1)) / ainv
                x = alpha * _exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                    return x * beta
        if alpha == 1.0:
            return -_log(1.0 - random()) * beta
        while True:
            u = random()
            b = (_e + alpha) / _e
            p = b * u
            if p <= 1.0:
                x = p ** (1.0 / alpha)
            else:
                x = -_log((b - p) / alpha)
            u1 = random()
            if p > 1.0:
                if u1 <= x ** (alpha - 1.0):
                    break
            elif u1 <= _exp(-x):
                break
        return x * beta

    def betavariate(self, alpha, beta):
        """The beta distribution on [0, 1] (from two gamma variates)."""
        y = self.gammavariate(alpha, 1.0)
        if y:
            return y / (y + self.gammavariate(beta, 1.0))
        return 0.0

    def paretovariate(self, alpha):
        """The Pareto distribution with shape alpha."""
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        """The Weibull distribution with scale alpha and shape beta."""
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)


def _integer_argument(value, what):
    # randrange's arguments: integers, or (deprecated since 3.10) floats with integral values.
    try:
        return _index(value)
    except TypeError:
        number = int(value)
        if number != value:
            raise ValueError("non-integer %s for randrange()" % what)
        return number


class SystemRandom(Random):
    """Random numbers from the kernel's entropy (getrandom): nothing to seed, no state."""

    def random(self):
        return (int.from_bytes(_urandom(7), 'big') >> 3) * RECIP_BPF

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        size = (k + 7) // 8
        return int.from_bytes(_urandom(size), 'big') >> (size * 8 - k)

    def randbytes(self, n):
        return _urandom(n)

    def seed(self, *args, **kwds):
        return None

    def _notimplemented(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have state.')

    getstate = setstate = _notimplemented


_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits
randbytes = _inst.randbytes
