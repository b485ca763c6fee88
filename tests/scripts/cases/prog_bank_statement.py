# A monthly bank statement read from standard input (prog_bank_statement.in): CSV lines
# validated field by field with errors collected, a running balance, spending by category
# with shares and a bar chart, the largest expenses, recurring payees, and a budget check
# that flags categories over their limit.

import sys

OPENING = 1250.00
BUDGET = {"food": 300, "utilities": 120, "shopping": 100, "leisure": 60, "transport": 90}


def parse(line):
    date, desc, amount, category = [f.strip() for f in line.split(",")]
    year, month, day = (int(p) for p in date.split("-"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"bad date {date}")
    return {"date": date, "desc": desc, "amount": float(amount), "category": category}


rows, errors = [], []
for number, raw in enumerate(sys.stdin, 1):
    line = raw.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    try:
        rows.append(parse(line))
    except ValueError as e:
        errors.append(f"line {number}: {e}")
print(f"{len(rows)} transactions, {len(errors)} rejected")
for e in errors:
    print("  ", e)
balance = OPENING
print(f"{'date':<11}{'description':<22}{'amount':>10}{'balance':>11}")
print(f"{'':<11}{'opening balance':<22}{'':>10}{OPENING:>11,.2f}")
for r in rows:
    balance += r["amount"]
    print(f"{r['date']:<11}{r['desc'][:21]:<22}{r['amount']:>+10.2f}{balance:>11,.2f}")
income = sum(r["amount"] for r in rows if r["amount"] > 0)
spent = -sum(r["amount"] for r in rows if r["amount"] < 0)
print(f"in {income:,.2f}  out {spent:,.2f}  net {income - spent:+,.2f}  closing {balance:,.2f}")
by_cat = {}
for r in rows:
    if r["amount"] < 0:
        by_cat[r["category"]] = by_cat.get(r["category"], 0) - r["amount"]
for cat, amount in sorted(by_cat.items(), key=lambda kv: -kv[1]):
    bar = "#" * round(amount / spent * 40)
    print(f"  {cat:<10}{amount:>9.2f} {amount / spent:>6.1%} {bar}")
print("largest:", [(r["desc"], r["amount"]) for r in sorted(rows, key=lambda r: r["amount"])[:3]])
payees = {}
for r in rows:
    payees.setdefault(r["desc"], []).append(r["amount"])
print("recurring:", {d: len(a) for d, a in payees.items() if len(a) > 1})
for cat, limit in sorted(BUDGET.items()):
    used = by_cat.get(cat, 0)
    status = "OVER" if used > limit else "ok"
    print(f"  budget {cat:<10} {used:>8.2f} / {limit:<4} {status}")
