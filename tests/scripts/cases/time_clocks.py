# The time module's clocks and sleep. The values differ by nature from run to run: what is
# printed are their types and the relations that always hold.
import time

now = time.time()
now_ns = time.time_ns()
print(type(now).__name__, type(now_ns).__name__, now > 1.6e9, now_ns > 16 * 10 ** 17)
print(abs(now - now_ns / 1e9) < 5)
for clock in (time.monotonic, time.perf_counter, time.process_time):
    a = clock()
    b = clock()
    print(clock.__name__, type(a).__name__, b >= a)
for clock in (time.monotonic_ns, time.perf_counter_ns, time.time_ns):
    a = clock()
    b = clock()
    print(clock.__name__, type(a).__name__, b >= a)
start = time.monotonic()
start_ns = time.perf_counter_ns()
print(time.sleep(0.02))
print(time.monotonic() - start >= 0.019, time.perf_counter_ns() - start_ns >= 19_000_000)
time.sleep(0)
time.sleep(True)
for bad in (-1, -0.5, "1", None, float("nan")):
    try:
        time.sleep(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
