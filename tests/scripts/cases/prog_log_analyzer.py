# A web server log analyser: lines in a common-log-like format parsed with split and
# partition, malformed lines counted, requests per status class, the slowest endpoints by
# mean latency, per-minute traffic, top clients, error bursts, and percentiles.

LOG = """10.0.0.1 [07/Dec/2026:09:00:01] "GET /index.html HTTP/1.1" 200 5120 12ms
10.0.0.2 [07/Dec/2026:09:00:03] "GET /api/items?page=2 HTTP/1.1" 200 830 48ms
10.0.0.1 [07/Dec/2026:09:00:09] "POST /api/items HTTP/1.1" 201 112 95ms
10.0.0.3 [07/Dec/2026:09:00:15] "GET /missing HTTP/1.1" 404 0 3ms
garbage line without structure
10.0.0.2 [07/Dec/2026:09:01:02] "GET /api/items?page=3 HTTP/1.1" 200 790 51ms
10.0.0.4 [07/Dec/2026:09:01:10] "GET /index.html HTTP/1.1" 304 0 2ms
10.0.0.2 [07/Dec/2026:09:01:11] "DELETE /api/items/7 HTTP/1.1" 500 64 230ms
10.0.0.2 [07/Dec/2026:09:01:12] "DELETE /api/items/7 HTTP/1.1" 500 64 241ms
10.0.0.2 [07/Dec/2026:09:01:13] "DELETE /api/items/7 HTTP/1.1" 503 0 1ms
10.0.0.5 [07/Dec/2026:09:02:00] "GET /api/users/42 HTTP/1.1" 200 420 33ms
10.0.0.1 [07/Dec/2026:09:02:30] "GET /static/app.js HTTP/1.1" 200 81234 7ms
10.0.0.3 [07/Dec/2026:09:02:31] "GET /api/items HTTP/1.1" 200 1500 60ms
10.0.0.9 [07/Dec/2026:09:02:59] "GET /index.html HTTP/1.1" abc 0 5ms
10.0.0.1 [07/Dec/2026:09:03:05] "PUT /api/users/42 HTTP/1.1" 200 88 70ms"""


class Entry:
    def __init__(self, line):
        try:
            client, rest = line.split(" [", 1)
            stamp, rest = rest.split("] \"", 1)
            request, rest = rest.split("\" ", 1)
            status, size, latency = rest.split()
            self.method, target, _ = request.split()
            self.path, _, self.query = target.partition("?")
            self.status, self.size = int(status), int(size)
            if not latency.endswith("ms"):
                raise ValueError(f"latency {latency!r}")
            self.ms = int(latency[:-2])
        except ValueError as e:
            raise ValueError(f"malformed line ({e})") from None
        self.client = client
        self.minute = stamp.split(":", 1)[1][:5]

    @property
    def endpoint(self):
        parts = ["{id}" if p.isdigit() else p for p in self.path.split("/")]
        return f"{self.method} {'/'.join(parts)}"


entries, bad = [], []
for number, line in enumerate(LOG.splitlines(), 1):
    try:
        entries.append(Entry(line))
    except ValueError as e:
        bad.append((number, str(e)))
print(f"{len(entries)} requests parsed, {len(bad)} malformed: {bad}")
classes = {}
for e in entries:
    classes[f"{e.status // 100}xx"] = classes.get(f"{e.status // 100}xx", 0) + 1
print("status classes:", dict(sorted(classes.items())))
by_endpoint = {}
for e in entries:
    by_endpoint.setdefault(e.endpoint, []).append(e.ms)
print("slowest endpoints:")
for ep, times in sorted(by_endpoint.items(), key=lambda kv: -sum(kv[1]) / len(kv[1]))[:4]:
    print(f"  {ep:<24} n={len(times)} mean={sum(times) / len(times):7.1f}ms max={max(times)}ms")
per_minute = {}
for e in entries:
    per_minute[e.minute] = per_minute.get(e.minute, 0) + 1
for minute, n in sorted(per_minute.items()):
    print(f"  {minute} {'#' * n} {n}")
clients = sorted({e.client for e in entries}, key=lambda c: (-sum(x.size for x in entries if x.client == c), c))
print("top clients by bytes:", [(c, sum(x.size for x in entries if x.client == c)) for c in clients[:3]])
burst, best = 0, (0, None)
for e in entries:
    burst = burst + 1 if e.status >= 500 else 0
    if burst > best[0]:
        best = (burst, e.minute)
print("longest run of server errors:", best)
lat = sorted(e.ms for e in entries)
pct = {p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] for p in (50, 90, 99)}
print("latency percentiles:", pct, f"total bytes {sum(e.size for e in entries):,}")
print("queries:", [e.query for e in entries if e.query])
