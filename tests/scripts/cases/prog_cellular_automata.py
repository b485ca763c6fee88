# Elementary cellular automata: rules 30, 90 and 110 from their rule numbers, rows evolved
# on a fixed-width ring, pictures drawn with characters, rule 30's centre column used as a
# random bit stream, the period of small rings found by remembering states, and a
# classification of all 256 rules by whether the single-cell start dies out.


def step(cells, rule):
    n = len(cells)
    table = [(rule >> i) & 1 for i in range(8)]
    return [table[cells[(i - 1) % n] << 2 | cells[i] << 1 | cells[(i + 1) % n]] for i in range(n)]


def run(rule, width, steps, start=None):
    cells = start or [0] * width
    if start is None:
        cells[width // 2] = 1
    rows = [cells]
    for _ in range(steps):
        cells = step(cells, rule)
        rows.append(cells)
    return rows


def draw(rows):
    return "\n".join("".join("#" if c else " " for c in row).rstrip() for row in rows)


def period(rule, cells, limit=500):
    seen = {}
    for t in range(limit):
        key = tuple(cells)
        if key in seen:
            return seen[key], t - seen[key]
        seen[key] = t
        cells = step(cells, rule)
    return None


for rule in (30, 90, 110):
    rows = run(rule, 31, 15)
    print(f"rule {rule} ({rule:08b}): live cells per row {[sum(r) for r in rows]}")
    print(draw(rows))
centre = [row[32] for row in run(30, 65, 64)]
bits = "".join(map(str, centre))
print("rule 30 centre bits:", bits)
print("as bytes:", [int(bits[i:i + 8], 2) for i in range(0, 64, 8)], "ones:", bits.count("1"))
for rule, width in [(30, 8), (90, 8), (110, 8), (184, 9)]:
    start = [1, 0, 1, 1, 0, 0, 1, 0, 1][:width]
    print(f"rule {rule} on ring of {width}: (transient, period) = {period(rule, start)}")
dies, fixed, grows = [], [], []
for rule in range(256):
    rows = run(rule, 21, 8)
    final = sum(rows[-1])
    (dies if final == 0 else fixed if rows[-1] == rows[-2] else grows).append(rule)
print(f"{len(dies)} rules die, {len(fixed)} freeze, {len(grows)} keep changing")
print("first dying rules:", dies[:10])
mirror = {r: sum(((r >> int(f"{i:03b}"[::-1], 2)) & 1) << i for i in range(8)) for r in range(256)}
print("left-right symmetric rules:", sum(mirror[r] == r for r in range(256)),
      "of which keep changing:", [r for r in grows if mirror[r] == r][:8], mirror[30], mirror[110])
try:
    run(30, 5, 3, start=[1, 0, 2, 0, 1])
except IndexError as e:
    print("IndexError:", e)
