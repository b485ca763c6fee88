# Rate limiting on a simulated clock: a token bucket and a sliding-window log limiter with
# the same interface (an abstract base class), per-client limiter instances created on
# demand, a burst of requests replayed against both, and the accept/deny statistics.


class Limiter:
    def allow(self, now):
        raise NotImplementedError

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars_of(self).items())
        return f"{type(self).__name__}({fields})"


def vars_of(obj):
    return {k: getattr(obj, k) for k in obj.__slots__ if not k.startswith("_")}


class TokenBucket(Limiter):
    __slots__ = ("rate", "capacity", "_tokens", "_last")

    def __init__(self, rate, capacity):
        if rate <= 0 or capacity < 1:
            raise ValueError("rate must be positive and capacity at least 1")
        self.rate, self.capacity = rate, capacity
        self._tokens, self._last = float(capacity), 0.0

    def allow(self, now):
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False


class SlidingWindow(Limiter):
    __slots__ = ("limit", "window", "_times")

    def __init__(self, limit, window):
        self.limit, self.window = limit, window
        self._times = []

    def allow(self, now):
        while self._times and self._times[0] <= now - self.window:
            self._times.pop(0)
        if len(self._times) < self.limit:
            self._times.append(now)
            return True
        return False


class Gateway:
    def __init__(self, factory):
        self.factory = factory
        self.clients = {}
        self.stats = {}

    def request(self, client, now):
        limiter = self.clients.get(client)
        if limiter is None:
            limiter = self.clients[client] = self.factory()
        ok = limiter.allow(now)
        s = self.stats.setdefault(client, [0, 0])
        s[0 if ok else 1] += 1
        return ok


traffic = []
for i in range(12):
    traffic.append((i * 0.1, "alice"))
for i in range(6):
    traffic.append((0.5 + i * 0.5, "bob"))
for i in range(8):
    traffic.append((2.0 + i * 0.05, "alice"))
traffic.append((5.0, "carol"))
traffic.sort()

gateways = {"bucket": Gateway(lambda: TokenBucket(rate=2, capacity=4)),
            "window": Gateway(lambda: SlidingWindow(limit=4, window=1.0))}
for name, gw in gateways.items():
    marks = "".join("+" if gw.request(c, t) else "-" for t, c in traffic)
    print(f"{name:>6}: {marks}")
    for client, (ok, denied) in sorted(gw.stats.items()):
        print(f"        {client:<6} accepted {ok:>2} denied {denied:>2} ({ok / (ok + denied):.0%})")
print(gateways["bucket"].clients["bob"], gateways["window"].clients["carol"])
for args in [(0, 5), (1, 0)]:
    try:
        TokenBucket(*args)
    except ValueError as e:
        print("ValueError:", e)
try:
    Limiter().allow(0)
except NotImplementedError:
    print("Limiter.allow is abstract")
