# A reverse-Polish calculator: a stack machine with arithmetic, stack words (dup, swap,
# drop, over), user-defined words, integer and float results, and errors reported with the
# token that caused them while the session carries on.


class CalcError(Exception):
    pass


class Calculator:
    def __init__(self):
        self.stack = []
        self.words = {}
        self.binary = {
            "+": lambda a, b: a + b,
            "-": lambda a, b: a - b,
            "*": lambda a, b: a * b,
            "/": self.divide,
            "mod": lambda a, b: a % b,
            "**": lambda a, b: a ** b,
            "max": max,
            "min": min,
        }

    @staticmethod
    def divide(a, b):
        if b == 0:
            raise CalcError("division by zero")
        return a // b if isinstance(a, int) and isinstance(b, int) and a % b == 0 else a / b

    def pop(self, n):
        if len(self.stack) < n:
            raise CalcError(f"stack underflow: need {n}, have {len(self.stack)}")
        values = self.stack[-n:]
        del self.stack[-n:]
        return values

    def run(self, line):
        tokens = iter(line.split())
        for tok in tokens:
            if tok == ":":
                name = next(tokens)
                body = []
                for t in tokens:
                    if t == ";":
                        break
                    body.append(t)
                else:
                    raise CalcError(f"definition of {name} has no ';'")
                self.words[name] = " ".join(body)
            elif tok in self.words:
                self.run(self.words[tok])
            elif tok in self.binary:
                a, b = self.pop(2)
                self.stack.append(self.binary[tok](a, b))
            elif tok == "dup":
                (a,) = self.pop(1)
                self.stack += [a, a]
            elif tok == "swap":
                a, b = self.pop(2)
                self.stack += [b, a]
            elif tok == "drop":
                self.pop(1)
            elif tok == "over":
                a, b = self.pop(2)
                self.stack += [a, b, a]
            else:
                try:
                    self.stack.append(int(tok))
                except ValueError:
                    try:
                        self.stack.append(float(tok))
                    except ValueError:
                        raise CalcError(f"unknown word {tok!r}") from None


calc = Calculator()
session = ["3 4 + 2 *", "dup *", "10 3 /", "9 3 /", ": sq dup * ;", "7 sq", ": hyp sq swap sq + ;",
           "3 4 hyp", "1.5 2 **", "2 100 **", "5 0 /", "1 +", "drop drop drop drop drop drop",
           "frob", ": broken 1 2", "7 2 mod 8 3 max 1 9 min", "1 2 over"]
for line in session:
    try:
        calc.run(line)
        print(f"{line:<28} -> {calc.stack}")
    except CalcError as e:
        print(f"{line:<28} !! {e}; stack {calc.stack}")
print("words:", sorted(calc.words.items()))
