# sys.stdin: readline, readline(size), iteration by line, '' at the end (input from sys_stdin.in).
import sys

print(repr(sys.stdin.readline()))
print(repr(sys.stdin.readline(4)))
print(repr(sys.stdin.readline()))
count = 0
for line in sys.stdin:
    count += 1
    print(count, line.rstrip("\n").upper())
print(repr(sys.stdin.readline()), repr(sys.stdin.read()))
