# A line diff: the longest common subsequence table, a unified-style listing of kept,
# removed and added lines with line numbers, Levenshtein distance between words with the
# edit script recovered, and a similarity ratio.

OLD = """def greet(name):
    print("Hello, " + name)

def main():
    greet("world")
    greet("minipy")
    return 0"""

NEW = """def greet(name, punct="!"):
    print("Hello, " + name + punct)

def main():
    greet("world")
    greet("python")
    greet("minipy")
    return 0
"""


def lcs_table(a, b):
    t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            t[i][j] = t[i + 1][j + 1] + 1 if a[i] == b[j] else max(t[i + 1][j], t[i][j + 1])
    return t


def diff(a, b):
    t = lcs_table(a, b)
    i = j = 0
    while i < len(a) or j < len(b):
        if i < len(a) and j < len(b) and a[i] == b[j]:
            yield " ", i + 1, j + 1, a[i]
            i, j = i + 1, j + 1
        elif j < len(b) and (i == len(a) or t[i][j + 1] >= t[i + 1][j]):
            yield "+", None, j + 1, b[j]
            j += 1
        else:
            yield "-", i + 1, None, a[i]
            i += 1


def edit_script(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    ops, i, j = [], len(a), len(b)
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            if a[i - 1] != b[j - 1]:
                ops.append(f"sub {a[i - 1]}->{b[j - 1]}@{i - 1}")
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            ops.append(f"del {a[i - 1]}@{i - 1}")
            i -= 1
        else:
            ops.append(f"ins {b[j - 1]}@{i}")
            j -= 1
    return d[-1][-1], ops[::-1]


a_lines, b_lines = OLD.splitlines(), NEW.splitlines()
changes = {"+": 0, "-": 0, " ": 0}
for tag, i, j, text in diff(a_lines, b_lines):
    changes[tag] += 1
    left = "" if i is None else str(i)
    right = "" if j is None else str(j)
    print(f"{left:>3} {right:>3} {tag} {text}")
print(f"{changes['+']} added, {changes['-']} removed, {changes[' ']} kept")
common = lcs_table(a_lines, b_lines)[0][0]
ratio = 2 * common / (len(a_lines) + len(b_lines))
print(f"similarity {ratio:.3f} ({common} common lines)")
for x, y in [("kitten", "sitting"), ("flaw", "lawn"), ("minipy", "python"), ("", "abc"), ("same", "same")]:
    dist, ops = edit_script(x, y)
    print(f"{x!r} -> {y!r}: {dist} edits {ops}")
print("NEW ends with newline:", NEW.endswith("\n"), "lines:", len(NEW.split("\n")), len(b_lines))
