# A unit converter: units grouped by dimension with factors to a base unit, temperature
# handled by offset functions, parsing of "12.5 km in mi" queries, conversion chains
# checked for round trips, incompatible dimensions reported, and a formatted table.

UNITS = {
    "length": {"m": 1.0, "km": 1000.0, "cm": 0.01, "mm": 0.001, "mi": 1609.344, "ft": 0.3048,
               "in": 0.0254, "yd": 0.9144},
    "mass": {"kg": 1.0, "g": 0.001, "lb": 0.45359237, "oz": 0.028349523125, "t": 1000.0},
    "time": {"s": 1.0, "min": 60.0, "h": 3600.0, "day": 86400.0, "week": 604800.0},
    "volume": {"l": 1.0, "ml": 0.001, "gal": 3.785411784, "cup": 0.2365882365},
}
TEMPERATURE = {
    "C": (lambda c: c, lambda c: c),
    "F": (lambda f: (f - 32) * 5 / 9, lambda c: c * 9 / 5 + 32),
    "K": (lambda k: k - 273.15, lambda c: c + 273.15),
}


class ConversionError(ValueError):
    pass


def dimension(unit):
    for dim, table in UNITS.items():
        if unit in table:
            return dim
    if unit in TEMPERATURE:
        return "temperature"
    raise ConversionError(f"unknown unit {unit!r}")


def convert(value, src, dst):
    d1, d2 = dimension(src), dimension(dst)
    if d1 != d2:
        raise ConversionError(f"cannot convert {d1} ({src}) to {d2} ({dst})")
    if d1 == "temperature":
        celsius = TEMPERATURE[src][0](value)
        if celsius < -273.15:
            raise ConversionError(f"{value} {src} is below absolute zero")
        return TEMPERATURE[dst][1](celsius)
    return value * UNITS[d1][src] / UNITS[d1][dst]


def query(text):
    parts = text.split()
    if len(parts) != 4 or parts[2] not in ("in", "to"):
        raise ConversionError(f"expected '<number> <unit> in <unit>', got {text!r}")
    try:
        value = float(parts[0])
    except ValueError:
        raise ConversionError(f"not a number: {parts[0]!r}") from None
    result = convert(value, parts[1], parts[3])
    return f"{value:g} {parts[1]} = {result:.6g} {parts[3]}"


for q in ["12.5 km in mi", "6 ft to cm", "1 mi in ft", "98.6 F in C", "0 K in F", "1 week in h",
          "3 cup in ml", "2.2 lb in kg", "1e3 mm to m", "5 kg in m", "3 furlong in m",
          "-500 C in K", "ten m in ft", "5 m"]:
    try:
        print(query(q))
    except ConversionError as e:
        print("error:", e)
worst = 0.0
for dim, table in UNITS.items():
    for a in table:
        for b in table:
            back = convert(convert(1.2345, a, b), b, a)
            worst = max(worst, abs(back - 1.2345))
print("round trips exact to 1e-12:", worst < 1e-12)
print(f"{'':>6}" + "".join(f"{u:>10}" for u in ("m", "ft", "in", "mi")))
for u in ("m", "km", "ft", "yd"):
    print(f"{u:>6}" + "".join(f"{convert(1, u, v):>10.4g}" for v in ("m", "ft", "in", "mi")))
print(sorted(UNITS, key=lambda d: -len(UNITS[d])), {d: min(t, key=t.get) for d, t in UNITS.items()})
print([round(convert(c, "C", "F"), 1) for c in range(-40, 101, 35)])
