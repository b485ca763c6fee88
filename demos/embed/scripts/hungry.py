# A script that asks for more than the host's 64 MiB budget: MemoryError, caught, and the
# script (and the host) go on.
import host

try:
    big = [0] * (100 * 1024 * 1024)
except MemoryError:
    host.log("hungry.py: a list of 100M items refused, MemoryError caught", level="warning")
chunks = []
try:
    while True:
        chunks.append("x" * (1 << 20))
except MemoryError:
    host.log("hungry.py: stopped at %s chunks of 1 MiB" % ("over 40" if len(chunks) > 40 else "under 40"),
             level="warning")
chunks = None
print("hungry.py done: memory is back:", len("y" * (8 << 20)) == 8 << 20)
