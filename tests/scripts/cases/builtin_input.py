# input(): the prompt goes to stdout, the line comes from sys.stdin without its newline;
# a replaced sys.stdin is used; EOFError at the end of the input.
import sys

name = input("Name? ")
print("hello", repr(name))
print(repr(input()))
print(repr(input(None)))
print(repr(input(42)))
total = 0
while True:
    try:
        line = input("number> ")
    except EOFError as e:
        print("EOFError:", e)
        break
    total += int(line)
print("total", total)
try:
    input(1, 2)
except TypeError as e:
    print(e)


class FakeStdin:
    def readline(self):
        return "from the fake\n"


class NoNewline:
    def readline(self):
        return "partial"


class NotText:
    def readline(self):
        return 5


saved = sys.stdin
sys.stdin = FakeStdin()
print(input("fake> "))
sys.stdin = NoNewline()
print(input())
sys.stdin = NotText()
try:
    input()
except TypeError as e:
    print(e)
sys.stdin = None
try:
    input()
except RuntimeError as e:
    print(e)
sys.stdin = saved
saved_out = sys.stdout
sys.stdout = None
try:
    input()
except RuntimeError as e:
    sys.stdout = saved_out
    print(e)
