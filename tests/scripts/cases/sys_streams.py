# sys.stdout / sys.stderr / sys.stdin: write returns the length, flush, print(file=...).
import sys

n = sys.stdout.write("written directly\n")
print(n)
print("to stdout via print", file=sys.stdout)
sys.stdout.flush()
print(sys.stderr.write("to stderr\n"))
print("also to stderr", file=sys.stderr, end="!\n")
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__, sys.stdin is sys.__stdin__)
print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdin.fileno())
try:
    sys.stdout.write(42)
except TypeError as e:
    print("TypeError:", e)
sys.stderr.write("last line\n")
for stream in (sys.stdin, sys.stdout, sys.stderr):
    print(stream.name, stream.mode, stream.encoding, stream.errors, stream.closed,
          stream.line_buffering, stream.readable(), stream.writable())
sys.stdout.writelines(["one\n", "two\n"])
sys.stdout.writelines(line for line in ["three\n"])
