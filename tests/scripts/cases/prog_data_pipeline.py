# A data pipeline of generators: a source of sensor records, stages chained lazily (parse,
# filter, enrich, window), a coroutine sink fed with send() that keeps running totals, a
# stage that delegates with yield from, early termination with close(), and counters
# showing how many records each stage actually pulled.

RAW = """s1,12.5,ok
s2,13.1,ok
s1,bad,ok
s3,99.9,fault
s2,12.9,ok
s1,13.4,ok
s3,14.0,ok
s2,-4.0,ok
s1,13.0,ok
s3,13.7,ok
s2,13.3,ok
s1,12.8,ok"""

pulled = {}


def counted(name, iterable):
    for item in iterable:
        pulled[name] = pulled.get(name, 0) + 1
        yield item


def parse(lines):
    for n, line in enumerate(lines, 1):
        sensor, value, status = line.split(",")
        try:
            yield {"n": n, "sensor": sensor, "value": float(value), "status": status}
        except ValueError:
            print(f"  parse: line {n} skipped ({value!r})")


def valid(records, low=0.0, high=50.0):
    for r in records:
        if r["status"] == "ok" and low <= r["value"] <= high:
            yield r


def enrich(records, offsets):
    for r in records:
        yield dict(r, value=round(r["value"] + offsets.get(r["sensor"], 0.0), 2))


def windows(records, size):
    batch = []
    for r in records:
        batch.append(r)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def flatten_twice(batches):
    for batch in batches:
        yield from batch
        yield {"marker": len(batch)}


def averager():
    totals, count = {}, 0
    summary = None
    while True:
        record = yield summary
        if record is None:
            break
        count += 1
        t = totals.setdefault(record["sensor"], [0.0, 0])
        t[0] += record["value"]
        t[1] += 1
        summary = {s: round(v / n, 3) for s, (v, n) in sorted(totals.items())}
    return count


source = counted("source", RAW.splitlines())
stage = counted("valid", valid(counted("parsed", parse(source))))
stage = enrich(stage, {"s2": -0.5, "s3": 0.25})
sink = averager()
next(sink)
for batch in windows(stage, 3):
    for record in batch:
        latest = sink.send(record)
    print(f"batch of {len(batch)} ending at line {batch[-1]['n']}: {latest}")
try:
    sink.send(None)
except StopIteration as stop:
    print("sink consumed", stop.value, "records")
print("pulled:", pulled)
pulled.clear()
lazy = counted("source", RAW.splitlines())
first_two = valid(parse(lazy))
print([r["value"] for r in (next(first_two), next(first_two))], "pulled so far:", pulled)
first_two.close()
print("after close:", next(first_two, "exhausted"))
print([x.get("marker", x.get("value")) for x in flatten_twice(windows(valid(parse(RAW.splitlines())), 4))])
gen = averager()
print(next(gen), gen.send({"sensor": "x", "value": 2.0}), gen.send({"sensor": "x", "value": 4.0}))
gen.close()
try:
    gen.send({"sensor": "x", "value": 1.0})
except StopIteration:
    print("a closed coroutine raises StopIteration")
