# A text table renderer: column widths, alignment by type, number formats, wrapping.
rows = [
    {"name": "alpha", "count": 3, "ratio": 0.5, "note": "first entry"},
    {"name": "beta", "count": 1200, "ratio": 0.03125, "note": "a much longer note that wraps"},
    {"name": "\u03b3amma", "count": -17, "ratio": 12.0, "note": ""},
    {"name": "delta", "count": 0, "ratio": float("nan"), "note": "nan ratio"},
]
columns = ["name", "count", "ratio", "note"]
formats = {"count": "{:,d}", "ratio": "{:.3g}"}

def cell(row, column):
    value = row[column]
    return formats.get(column, "{}").format(value)

def wrap(text, width):
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = (current + " " + word).strip()
    lines.append(current)
    return lines

widths = {c: max(len(c), *(len(cell(r, c)) for r in rows)) for c in columns}
widths["note"] = 12
sep = "+" + "+".join("-" * (widths[c] + 2) for c in columns) + "+"
print(sep)
print("| " + " | ".join(c.upper().center(widths[c]) for c in columns) + " |")
print(sep.replace("-", "="))
for r in rows:
    note_lines = wrap(r["note"], widths["note"])
    for i, note in enumerate(note_lines):
        parts = []
        for c in columns:
            if c == "note":
                parts.append(note.ljust(widths[c]))
            elif i > 0:
                parts.append(" " * widths[c])
            elif isinstance(r[c], (int, float)):
                parts.append(cell(r, c).rjust(widths[c]))
            else:
                parts.append(cell(r, c).ljust(widths[c]))
        print("| " + " | ".join(parts) + " |")
print(sep)
total = sum(r["count"] for r in rows)
print("%s: %+d (%s)" % ("total", total, format(total, "_b")))
print("csv:", ";".join("%s=%r" % (k, rows[0][k]) for k in columns))
