# print() writes to sys.stdout as it is when it runs: replaced by another stream, by None
# (nothing printed), or deleted (RuntimeError "lost sys.stdout").
import sys

saved = sys.stdout
sys.stdout = None
print("invisible")
sys.stdout = sys.stderr
print("to stderr now", end="!\n")
sys.stdout = saved
print("back on stdout")
del sys.stdout
try:
    print("lost")
except RuntimeError as e:
    sys.stderr.write("RuntimeError: " + str(e) + "\n")
sys.stdout = saved
print("end", file=None)
