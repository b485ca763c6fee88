# Metrics over a stream of sensor readings: a fixed-size ring buffer, moving average and
# exponentially weighted average, min/max over the window kept with monotonic queues,
# anomaly detection by z-score, and a per-sensor summary; readings come from a seeded
# generator with a few injected spikes and dropouts (None).

import random


class Ring:
    def __init__(self, size):
        self.buf = [None] * size
        self.start = self.count = 0

    def push(self, value):
        end = (self.start + self.count) % len(self.buf)
        self.buf[end] = value
        if self.count < len(self.buf):
            self.count += 1
        else:
            self.start = (self.start + 1) % len(self.buf)

    def __iter__(self):
        for i in range(self.count):
            yield self.buf[(self.start + i) % len(self.buf)]

    def __len__(self):
        return self.count


class WindowStats:
    def __init__(self, size, alpha=0.3):
        self.ring = Ring(size)
        self.size, self.alpha = size, alpha
        self.ewma = None
        self.maxq, self.minq = [], []
        self.t = 0

    def add(self, value):
        self.t += 1
        self.ring.push(value)
        self.ewma = value if self.ewma is None else self.alpha * value + (1 - self.alpha) * self.ewma
        for q, worse in ((self.maxq, lambda a, b: a <= b), (self.minq, lambda a, b: a >= b)):
            while q and worse(q[-1][1], value):
                q.pop()
            q.append((self.t, value))
            while q[0][0] <= self.t - self.size:
                q.pop(0)

    def mean(self):
        return sum(self.ring) / len(self.ring)

    def stdev(self):
        m = self.mean()
        return (sum((v - m) ** 2 for v in self.ring) / len(self.ring)) ** 0.5

    def bounds(self):
        return self.minq[0][1], self.maxq[0][1]


rng = random.Random(404)
stream = []
for t in range(60):
    for sensor, base in (("temp", 21.0), ("humidity", 45.0)):
        value = round(rng.gauss(base, 0.8 if sensor == "temp" else 2.5), 2)
        if t in (17, 41) and sensor == "temp":
            value += 9.0
        if rng.random() < 0.05:
            value = None
        stream.append((t, sensor, value))
stats, anomalies, dropouts = {}, [], {}
for t, sensor, value in stream:
    if value is None:
        dropouts[sensor] = dropouts.get(sensor, 0) + 1
        continue
    w = stats.setdefault(sensor, WindowStats(10))
    if len(w.ring) >= 5 and w.stdev() > 0:
        z = (value - w.mean()) / w.stdev()
        if abs(z) > 3:
            anomalies.append(f"t={t} {sensor}={value} z={z:+.1f}")
    w.add(value)
    if t % 15 == 14:
        lo, hi = w.bounds()
        print(f"t={t:>2} {sensor:<8} mean {w.mean():6.2f} ewma {w.ewma:6.2f} range {lo}..{hi}")
print("anomalies:", anomalies)
print("dropouts:", dict(sorted(dropouts.items())))
ring = Ring(3)
for v in range(1, 6):
    ring.push(v)
print("ring:", list(ring), len(ring), ring.buf)
check = WindowStats(4)
for v in [5, 1, 4, 2, 8, 3, 3, 0]:
    check.add(v)
    print(v, check.bounds(), list(check.ring) and (min(check.ring), max(check.ring)))
