# A recipe scaler: ingredient lines parsed with quantities written as integers, decimals,
# fractions and mixed numbers ("1 1/2 cups flour"), scaling to a number of servings with
# results shown as kitchen fractions, unit upgrades (tsp -> tbsp -> cup), and a shopping
# list merged across recipes.

RECIPES = {
    "pancakes": (4, """1 1/2 cups flour
3 1/2 tsp baking powder
1 tsp salt
1 tbsp sugar
1 1/4 cups milk
1 egg
3 tbsp butter"""),
    "cookies": (24, """2 1/4 cups flour
1 tsp baking soda
1 tsp salt
1 cup butter
3/4 cup sugar
2 egg
2 cups chocolate chips"""),
}
TSP_PER = {"tsp": 1, "tbsp": 3, "cup": 48, "cups": 48}


def parse_quantity(words):
    total, used = 0.0, 0
    for w in words:
        if "/" in w:
            num, den = w.split("/")
            total += int(num) / int(den)
        else:
            try:
                total += float(w)
            except ValueError:
                break
        used += 1
    if used == 0:
        raise ValueError(f"no quantity in {' '.join(words)!r}")
    return total, used


def parse_line(line):
    words = line.split()
    qty, used = parse_quantity(words)
    rest = words[used:]
    unit = rest[0] if rest and rest[0] in TSP_PER else ""
    name = " ".join(rest[1:] if unit else rest)
    return qty, unit.rstrip("s") if unit == "cups" else unit, name


def kitchen(q):
    whole = int(q)
    frac = q - whole
    eighths = round(frac * 8)
    if eighths == 8:
        whole, eighths = whole + 1, 0
    names = {0: "", 1: "1/8", 2: "1/4", 3: "3/8", 4: "1/2", 5: "5/8", 6: "3/4", 7: "7/8"}
    parts = ([str(whole)] if whole else []) + ([names[eighths]] if eighths else [])
    return " ".join(parts) or "a pinch of"


def upgrade(qty, unit):
    if unit not in TSP_PER:
        return qty, unit
    tsp = qty * TSP_PER[unit]
    for name in ("cup", "tbsp"):
        if tsp >= TSP_PER[name] / 4 * (4 if name == "tbsp" else 1):
            return tsp / TSP_PER[name], name
    return tsp, "tsp"


def scale(recipe, servings):
    base, text = RECIPES[recipe]
    factor = servings / base
    return [(q * factor, u, n) for q, u, n in map(parse_line, text.splitlines())]


for recipe, servings in [("pancakes", 4), ("pancakes", 10), ("cookies", 6)]:
    print(f"{recipe} for {servings}:")
    for qty, unit, name in scale(recipe, servings):
        qty, unit = upgrade(qty, unit)
        print(f"  {kitchen(qty):>8} {unit:<5}{name}")
shopping = {}
for recipe, servings in [("pancakes", 8), ("cookies", 48)]:
    for qty, unit, name in scale(recipe, servings):
        key = (name, "tsp" if unit in TSP_PER else unit)
        shopping[key] = shopping.get(key, 0) + qty * TSP_PER.get(unit, 1)
print("shopping list:")
for (name, unit), qty in sorted(shopping.items()):
    qty, shown = upgrade(qty, unit) if unit else (qty, "")
    print(f"  {name:<16} {kitchen(qty)} {shown}".rstrip())
for bad in ["cups of flour", "1/0 cup sugar"]:
    try:
        parse_line(bad)
    except (ValueError, ZeroDivisionError) as e:
        print(f"{type(e).__name__}: {e}")
