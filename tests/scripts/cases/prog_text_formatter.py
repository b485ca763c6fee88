# A plain-text formatter: greedy word wrapping, full justification that spreads spaces
# from the left, centred and right-aligned headings, a two-column layout, hanging indents
# for numbered notes, and a boxed banner; widths too small for a word raise ValueError.

TEXT = ("Minipy is an embeddable runtime for a small Python-style language. It follows "
        "CPython 3.11 closely: the same object layouts, the same memory manager, and the same "
        "error messages, so that a program prints exactly what python3 prints.")


def wrap(text, width):
    lines, line = [], []
    for word in text.split():
        if len(word) > width:
            raise ValueError(f"word {word!r} is longer than the width {width}")
        if line and len(" ".join(line + [word])) > width:
            lines.append(line)
            line = []
        line.append(word)
    if line:
        lines.append(line)
    return lines


def justify(words, width, last=False):
    if last or len(words) == 1:
        return " ".join(words).ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(map(len, words))
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, w in enumerate(words[:-1]):
        out += w + " " * (base + (1 if i < extra else 0))
    return out + words[-1]


def paragraph(text, width, align="justify"):
    lines = wrap(text, width)
    out = []
    for i, words in enumerate(lines):
        joined = " ".join(words)
        if align == "justify":
            out.append(justify(words, width, last=i == len(lines) - 1))
        else:
            out.append({"left": joined.ljust, "right": joined.rjust, "centre": joined.center}[align](width))
    return out


def columns(left, right, width, gutter=3):
    col = (width - gutter) // 2
    a, b = paragraph(left, col, "left"), paragraph(right, col, "left")
    rows = max(len(a), len(b))
    a += [" " * col] * (rows - len(a))
    b += [""] * (rows - len(b))
    return [f"{x}{' ' * gutter}{y}".rstrip() for x, y in zip(a, b)]


def notes(items, width):
    out = []
    for n, item in enumerate(items, 1):
        label = f"{n}. "
        body = paragraph(item, width - len(label), "left")
        out.append(label + body[0].rstrip())
        out += [" " * len(label) + line.rstrip() for line in body[1:]]
    return out


def banner(title, width):
    inner = width - 4
    return ["+" + "-" * (width - 2) + "+"] + [f"| {line} |" for line in paragraph(title, inner, "centre")] + \
           ["+" + "-" * (width - 2) + "+"]


print("\n".join(banner("MINIPY: a faithful small runtime", 30)))
for width in (40, 28):
    print(f"-- justified to {width} --")
    for line in paragraph(TEXT, width):
        print(f"|{line}|")
print("-- right-aligned to 36 --")
print("\n".join(f"|{l}|" for l in paragraph(TEXT[:120], 36, "right")))
print("-- two columns --")
print("\n".join(columns(TEXT[:150], "Short right column text that wraps too.", 50)))
print("-- notes --")
print("\n".join(notes(["Build the debug preset first.", "Run the script tests with ctest -L scripts; "
                       "each runs under three allocators.", "Report every difference."], 34)))
for width in (8, 0):
    try:
        paragraph(TEXT, width)
    except ValueError as e:
        print("ValueError:", e)
