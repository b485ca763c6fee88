# A sales report from CSV text: a parser that handles quoted fields with commas and doubled
# quotes, typed columns with conversion errors collected per line, group-by totals, a
# monthly pivot, and a formatted table with thousands separators.

DATA = '''date,region,product,units,price
2024-01-03,north,"Widget, large",12,19.99
2024-01-05,south,Gadget,5,4.50
2024-01-17,north,Gadget,30,4.50
2024-02-02,east,"The ""best"" gizmo",2,120.00
2024-02-09,south,"Widget, large",7,19.99
2024-02-11,north,Gadget,abc,4.50
2024-02-20,east,Gadget,11,4.25
2024-03-01,south,Widget small,40,9.95
2024-03-15,west,Gadget,3
2024-03-28,north,"The ""best"" gizmo",1,115.00
'''


def split_row(line):
    fields, field, quoted, i = [], [], False, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"' and line[i + 1:i + 2] == '"':
                field.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                field.append(ch)
        elif ch == '"':
            quoted = True
        elif ch == ",":
            fields.append("".join(field))
            field = []
        else:
            field.append(ch)
        i += 1
    fields.append("".join(field))
    return fields


def load(text):
    lines = text.strip().splitlines()
    header = split_row(lines[0])
    rows, errors = [], []
    for number, line in enumerate(lines[1:], start=2):
        fields = split_row(line)
        if len(fields) != len(header):
            errors.append(f"line {number}: expected {len(header)} fields, got {len(fields)}")
            continue
        row = dict(zip(header, fields))
        try:
            row["units"] = int(row["units"])
            row["price"] = float(row["price"])
        except ValueError as e:
            errors.append(f"line {number}: {e}")
            continue
        row["month"] = row["date"][:7]
        row["revenue"] = row["units"] * row["price"]
        rows.append(row)
    return rows, errors


def group(rows, key):
    totals = {}
    for row in rows:
        t = totals.setdefault(row[key], {"units": 0, "revenue": 0.0, "orders": 0})
        t["units"] += row["units"]
        t["revenue"] += row["revenue"]
        t["orders"] += 1
    return totals


rows, errors = load(DATA)
print(f"{len(rows)} rows loaded")
for e in errors:
    print("  skipped", e)
print(f"{'product':<20}{'orders':>7}{'units':>7}{'revenue':>12}")
by_product = group(rows, "product")
for name, t in sorted(by_product.items(), key=lambda kv: -kv[1]["revenue"]):
    print(f"{name:<20}{t['orders']:>7}{t['units']:>7}{t['revenue']:>12,.2f}")
grand = sum(r["revenue"] for r in rows)
print(f"{'total':<34}{grand:>12,.2f}")
months = sorted({r["month"] for r in rows})
regions = sorted({r["region"] for r in rows})
print("region".ljust(8) + "".join(m.rjust(10) for m in months))
for region in regions:
    cells = [sum(r["revenue"] for r in rows if r["region"] == region and r["month"] == m)
             for m in months]
    print(region.ljust(8) + "".join(f"{c:10.2f}" if c else "-".rjust(10) for c in cells))
best = max(rows, key=lambda r: r["revenue"])
print("best sale: {date} {region} {product!r} {revenue:.2f}".format(**best))
share = {k: v["revenue"] / grand for k, v in group(rows, "region").items()}
print(", ".join(f"{k}={v:.1%}" for k, v in sorted(share.items())))
