# A grade book: students with scores per assignment, weighted categories, missing work
# counted as zero, letter grades by thresholds, class statistics (mean, median, standard
# deviation by hand), ranking with ties, and a report with aligned columns.

WEIGHTS = {"homework": 0.3, "quiz": 0.2, "exam": 0.5}
LETTERS = [(90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F")]
SCORES = {
    "Ada": {"homework": [95, 88, 92], "quiz": [78, 85], "exam": [91]},
    "Brian": {"homework": [72, 65], "quiz": [60, 70], "exam": [68]},
    "Chen": {"homework": [88, 90, 85], "quiz": [92, 95], "exam": [79]},
    "Dana": {"homework": [100, 100, 100], "quiz": [100, 90], "exam": [55]},
    "Eve": {"homework": [60, 0, 75], "quiz": [], "exam": [81]},
    "Femi": {"homework": [85, 91, 79], "quiz": [88, 84], "exam": [86]},
}
EXPECTED = {"homework": 3, "quiz": 2, "exam": 1}


def category_average(scores, category):
    got = scores.get(category, [])
    padded = got + [0] * (EXPECTED[category] - len(got))
    return sum(padded) / len(padded)


def final_grade(scores):
    return sum(WEIGHTS[c] * category_average(scores, c) for c in WEIGHTS)


def letter(grade):
    for cutoff, mark in LETTERS:
        if grade >= cutoff:
            return mark
    raise ValueError(f"negative grade {grade}")


def median(values):
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def stdev(values):
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5


def rank(grades):
    ordered = sorted(grades.items(), key=lambda kv: (-round(kv[1], 1), kv[0]))
    ranks, prev, place = {}, None, 0
    for i, (name, g) in enumerate(ordered, 1):
        if round(g, 1) != prev:
            place, prev = i, round(g, 1)
        ranks[name] = place
    return ordered, ranks


grades = {name: final_grade(s) for name, s in SCORES.items()}
ordered, ranks = rank(grades)
header = f"{'#':>2} {'name':<6}" + "".join(f"{c:>10}" for c in WEIGHTS) + f"{'final':>8} grade"
print(header)
print("-" * len(header))
for name, g in ordered:
    cats = "".join(f"{category_average(SCORES[name], c):>10.1f}" for c in WEIGHTS)
    print(f"{ranks[name]:>2} {name:<6}{cats}{g:>8.2f}   {letter(g)}")
values = list(grades.values())
print(f"mean {sum(values) / len(values):.2f}  median {median(values):.2f}  "
      f"stdev {stdev(values):.3f}  range {min(values):.1f}..{max(values):.1f}")
dist = {}
for g in values:
    dist[letter(g)] = dist.get(letter(g), 0) + 1
print(" ".join(f"{mark}:{'*' * dist.get(mark, 0)}" for _, mark in LETTERS))
missing = {n: [c for c in EXPECTED if len(s.get(c, [])) < EXPECTED[c]] for n, s in SCORES.items()}
print("missing work:", {n: m for n, m in missing.items() if m})
best_exam = max(SCORES, key=lambda n: SCORES[n]["exam"][0])
print(f"best exam: {best_exam} ({SCORES[best_exam]['exam'][0]})")
improved = [n for n, s in SCORES.items() if s["exam"][0] > category_average(s, "homework")]
print("exam beat homework:", improved)
try:
    letter(-3)
except ValueError as e:
    print("ValueError:", e)
print("curve +5:", {n: letter(min(g + 5, 100)) for n, g in sorted(grades.items())})
