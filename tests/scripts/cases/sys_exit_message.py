# sys.exit(str): the message on stderr, status 1; SystemExit can be caught and inspected first.
import sys

for arg in [(), (0,), (None,), (5,), ("text",)]:
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(arg, repr(e.code), e.args)
try:
    sys.exit(1, 2)
except TypeError as e:
    print("TypeError:", e)
sys.exit("fatal: giving up")
