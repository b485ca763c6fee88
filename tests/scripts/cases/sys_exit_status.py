# sys.exit(n) ends the program with status n; finally blocks run on the way out.
import sys

try:
    print("exiting")
    sys.exit(3)
finally:
    print("finally runs")
print("not reached")
