# A small pattern matcher: shell globs (*, ?, [abc], [!a-z]) compiled to a list of parts
# and matched with backtracking, a regex-like engine for ., *, +, ?, ^ and $ written as
# recursive functions, and a file-name filter over a fake directory listing.


def glob_parts(pattern):
    parts, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                raise ValueError(f"unterminated class in {pattern!r}")
            body = pattern[i + 1:end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            chars = set()
            j = 0
            while j < len(body):
                if j + 2 < len(body) and body[j + 1] == "-":
                    chars |= {chr(c) for c in range(ord(body[j]), ord(body[j + 2]) + 1)}
                    j += 3
                else:
                    chars.add(body[j])
                    j += 1
            parts.append(("class", frozenset(chars), negate))
            i = end + 1
        else:
            parts.append(("star",) if ch == "*" else ("any",) if ch == "?" else ("lit", ch))
            i += 1
    return parts


def glob_match(pattern, name):
    parts = glob_parts(pattern)

    def m(p, s):
        if p == len(parts):
            return s == len(name)
        kind = parts[p][0]
        if kind == "star":
            return any(m(p + 1, k) for k in range(s, len(name) + 1))
        if s == len(name):
            return False
        if kind == "any":
            return m(p + 1, s + 1)
        if kind == "lit":
            return parts[p][1] == name[s] and m(p + 1, s + 1)
        _, chars, negate = parts[p]
        return (name[s] in chars) != negate and m(p + 1, s + 1)

    return m(0, 0)


def re_match(pattern, text):
    if pattern.startswith("^"):
        return match_here(pattern[1:], text)
    return any(match_here(pattern, text[i:]) for i in range(len(text) + 1))


def match_here(p, t):
    if not p:
        return True
    if p == "$":
        return not t
    if len(p) > 1 and p[1] in "*+?":
        c, op, rest = p[0], p[1], p[2:]
        first = bool(t) and c in (".", t[0])
        if op == "?":
            return (first and match_here(rest, t[1:])) or match_here(rest, t)
        if op == "+" and not first:
            return False
        i = 1 if op == "+" else 0
        while True:
            if match_here(rest, t[i:]):
                return True
            if i < len(t) and c in (".", t[i]):
                i += 1
            else:
                return False
    return bool(t) and p[0] in (".", t[0]) and match_here(p[1:], t[1:])


files = ["main.py", "test_main.py", "README.md", "setup.cfg", "data1.csv", "data2.csv",
         "data10.csv", "notes.txt", "x.py", ".hidden", "Makefile", "build.log"]
for pat in ["*.py", "test_*", "data?.csv", "data*.csv", "[A-Z]*", "[!a-z.]*", "*.*.*", "?", "*", "*a*e*"]:
    print(f"{pat:<10} {[f for f in files if glob_match(pat, f)]}")
try:
    glob_match("[abc", "a")
except ValueError as e:
    print("ValueError:", e)
tests = [("^ab*c$", "ac"), ("^ab*c$", "abbbc"), ("^ab+c$", "ac"), ("colou?r", "my color"),
         ("colou?r", "colour!"), ("^.*\\.py$", "x.py"), ("a.c", "xxabcxx"), ("^$", ""),
         ("z+", "pizza"), ("^h.*o$", "hello world"), ("o w", "hello world")]
for pat, text in tests:
    print(f"{pat!r:>14} {text!r:<14} {re_match(pat, text)}")
print(sum(glob_match("*" * 6 + "x", "a" * n) for n in range(8)))
