# A small realistic program: an invoice report laid out with str.format, % and f-strings.
items = [
    ("Widget", 4, 3.5),
    ("Gadget, large", 1, 129.99),
    ("Caf\u00e9 cr\u00e8me", 12, 2.25),
    ("Thingamajig", 250, 0.045),
]
TAX = 0.0825

def money(amount):
    return "{:,.2f}".format(amount)

def line(name, qty, price):
    total = qty * price
    return "%-16s %5d x %9s = %12s" % (name[:16], qty, money(price), money(total))

header = "{:<16} {:>5}   {:>9}   {:>12}".format("Item", "Qty", "Price", "Total")
print(header)
print("-" * len(header))
subtotal = 0.0
for name, qty, price in items:
    print(line(name, qty, price))
    subtotal += qty * price
print("=" * len(header))
tax = subtotal * TAX
for label, amount in [("Subtotal", subtotal), ("Tax (%.2f%%)" % (TAX * 100), tax),
                      ("Total", subtotal + tax)]:
    print("{label:>{width}} {amount:>12}".format(label=label + ":", width=len(header) - 13,
                                                 amount=money(amount)))
print()
summary = {"count": len(items), "largest": max(items, key=lambda i: i[1] * i[2])[0]}
print("{count} lines; largest: {largest!r}".format_map(summary))
print(f"{'Share of total':<20}")
for name, qty, price in items:
    share = qty * price / subtotal
    bar = "#" * int(share * 40)
    print(f"  {name:<16.16}{share:>7.1%} {bar}")
print("Report id: %08X / %#o / %s" % (48879, 493, "ok".center(6, "*")))
