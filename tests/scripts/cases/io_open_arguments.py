# open()'s arguments matched as CPython's built-in does: by position or name, with its
# messages for a wrong count, an unknown name or an argument given twice.
import io


def attempt(label, call):
    try:
        result = call()
        print(label, "->", type(result).__name__, getattr(result, "mode", None))
        result.close()
    except Exception as e:
        print(label, type(e).__name__, e)


with open("a.txt", "w") as f:
    f.write("text\n")
attempt("nine", lambda: open("a.txt", "r", -1, None, None, None, True, None, 5))
attempt("nine io.open", lambda: io.open("a.txt", "r", -1, None, None, None, True, None, 5))
attempt("none", lambda: open())
attempt("only keywords", lambda: open(mode="r"))
attempt("unknown", lambda: open(file="a.txt", foo=1))
attempt("unknown after eight", lambda: open("a.txt", "r", -1, None, None, None, True, None,
                                             foo=1))
attempt("twice", lambda: open("a.txt", "r", mode="r"))
attempt("twice file", lambda: open("a.txt", file="a.txt"))
attempt("twice opener", lambda: open("a.txt", "r", -1, None, None, None, True, None,
                                     opener=None))
attempt("by name", lambda: open(file="a.txt"))
attempt("all by name", lambda: open(file="a.txt", mode="rb", buffering=0, encoding=None,
                                    errors=None, newline=None, closefd=True, opener=None))
attempt("mixed", lambda: open("a.txt", "w", newline="\r\n", encoding="latin-1"))
attempt("buffering None", lambda: open("a.txt", buffering=None))
attempt("encoding 5", lambda: open("a.txt", encoding=5))
attempt("mode 5", lambda: open("a.txt", 5))
attempt("closefd None", lambda: open("a.txt", closefd=None))
attempt("kwargs dict", lambda: open(**{"file": "a.txt", "mode": "a"}))
print(open.__name__, io.open is open)
with open("a.txt", "rb") as f:
    print(f.read())
# buffering and closefd are C ints.
attempt("buffering 2 ** 70", lambda: open("a.txt", buffering=2 ** 70))
attempt("buffering -2 ** 40", lambda: open("a.txt", buffering=-2 ** 40))
attempt("closefd 2 ** 40", lambda: open("a.txt", closefd=2 ** 40))
attempt("closefd 2", lambda: open("a.txt", closefd=2))
