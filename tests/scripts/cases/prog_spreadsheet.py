# A spreadsheet: cells holding numbers or formulas like "=A1+B2*2" and "=SUM(A1:A3)",
# formulas parsed into dependencies, evaluation with memoisation and recalculation when a
# cell changes, cycle detection, and errors (#REF!, #DIV/0!, #CYCLE!) shown in the grid.


class CycleError(Exception):
    pass


def col_row(name):
    return ord(name[0]) - ord("A"), int(name[1:])


def expand(rng):
    start, end = rng.split(":")
    (c1, r1), (c2, r2) = col_row(start), col_row(end)
    return [f"{chr(ord('A') + c)}{r}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def tokenize(expr):
    tokens, i = [], 0
    while i < len(expr):
        ch = expr[i]
        if ch.isalpha():
            j = i
            while j < len(expr) and (expr[j].isalnum() or expr[j] == ":"):
                j += 1
            tokens.append(expr[i:j])
            i = j
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(expr) and (expr[j].isdigit() or expr[j] == "."):
                j += 1
            tokens.append(float(expr[i:j]))
            i = j
        else:
            if not ch.isspace():
                tokens.append(ch)
            i += 1
    return tokens


class Sheet:
    FUNCS = {"SUM": sum, "MAX": max, "MIN": min, "AVG": lambda v: sum(v) / len(v)}

    def __init__(self):
        self.raw = {}
        self.cache = {}

    def set(self, name, value):
        self.raw[name] = value
        self.cache.clear()

    def value(self, name, stack=()):
        if name in stack:
            raise CycleError(" -> ".join(stack + (name,)))
        if name not in self.cache:
            raw = self.raw.get(name, 0)
            if isinstance(raw, str) and raw.startswith("="):
                self.cache[name] = self.evaluate(tokenize(raw[1:]), stack + (name,))
            else:
                self.cache[name] = raw
        return self.cache[name]

    def evaluate(self, tokens, stack):
        pos = 0

        def atom():
            nonlocal pos
            tok = tokens[pos]
            pos += 1
            if tok == "(":
                v = expr()
                pos += 1
                return v
            if isinstance(tok, float):
                return tok
            if tok in self.FUNCS:
                pos += 1
                names = expand(tokens[pos])
                pos += 2
                return self.FUNCS[tok]([self.value(n, stack) for n in names])
            if tok[0].isalpha() and tok[1:].isdigit():
                return self.value(tok, stack)
            raise NameError(f"#REF! {tok}")

        def term():
            nonlocal pos
            v = atom()
            while pos < len(tokens) and tokens[pos] in ("*", "/"):
                op = tokens[pos]
                pos += 1
                rhs = atom()
                v = v * rhs if op == "*" else v / rhs
            return v

        def expr():
            nonlocal pos
            v = term()
            while pos < len(tokens) and tokens[pos] in ("+", "-"):
                op = tokens[pos]
                pos += 1
                v = v + term() if op == "+" else v - term()
            return v

        return expr()

    def show(self, cols, rows):
        print("    " + "".join(f"{c:>10}" for c in cols))
        for r in rows:
            cells = []
            for c in cols:
                try:
                    v = self.value(f"{c}{r}")
                    cells.append(f"{v:>10.2f}" if isinstance(v, float) else f"{v!s:>10}")
                except ZeroDivisionError:
                    cells.append(f"{'#DIV/0!':>10}")
                except CycleError:
                    cells.append(f"{'#CYCLE!':>10}")
                except NameError as e:
                    cells.append(f"{str(e).split()[0]:>10}")
            print(f"{r:>3} " + "".join(cells))


s = Sheet()
for name, value in {"A1": 10, "A2": 20, "A3": 30.5, "B1": "=A1*2", "B2": "=A2+B1/4",
                    "B3": "=SUM(A1:A3)", "C1": "=AVG(A1:B3)", "C2": "=A1/(A2-20)",
                    "C3": "=Z9+1", "D1": "=MAX(A1:B2)-MIN(A1:B2)", "D2": "=D3+1",
                    "D3": "=D2*2", "E1": "=FOO+1"}.items():
    s.set(name, value)
s.show("ABCDE", range(1, 4))
s.set("A1", 100)
print("after A1 = 100: B1 =", s.value("B1"), "B3 =", s.value("B3"), "C1 =", round(s.value("C1"), 3))
try:
    s.value("D2")
except CycleError as e:
    print("CycleError:", e)
s.set("D3", 5)
print("cycle broken: D2 =", s.value("D2"), "cached cells:", sorted(s.cache))
