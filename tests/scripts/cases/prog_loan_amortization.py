# Loan amortisation: the annuity payment formula, a month-by-month schedule with interest
# and principal rounded to cents (the last payment absorbs the rounding), extra payments
# that shorten the term, a comparison of terms and rates, and refused loan parameters.


class LoanError(ValueError):
    pass


def payment(principal, annual_rate, months):
    if principal <= 0 or months <= 0:
        raise LoanError(f"principal and term must be positive (got {principal}, {months})")
    if not 0 <= annual_rate < 1:
        raise LoanError(f"annual rate {annual_rate} is not a fraction in [0, 1)")
    r = annual_rate / 12
    if r == 0:
        return round(principal / months, 2)
    return round(principal * r / (1 - (1 + r) ** -months), 2)


def schedule(principal, annual_rate, months, extra=None):
    pay = payment(principal, annual_rate, months)
    balance = round(principal, 2)
    rows, month = [], 0
    while balance > 0:
        month += 1
        interest = round(balance * annual_rate / 12, 2)
        bonus = (extra or {}).get(month, 0)
        principal_part = balance if month == months else min(pay - interest + bonus, balance)
        balance = round(balance - principal_part, 2)
        rows.append((month, round(interest + principal_part, 2), interest, round(principal_part, 2), balance))
        if month > 1000:
            raise LoanError("payment does not cover the interest")
    return pay, rows


def show(rows, every):
    print(f"{'month':>5}{'paid':>11}{'interest':>10}{'principal':>11}{'balance':>12}")
    for row in rows:
        if row[0] % every == 0 or row[0] in (1, len(rows)):
            print(f"{row[0]:>5}{row[1]:>11,.2f}{row[2]:>10,.2f}{row[3]:>11,.2f}{row[4]:>12,.2f}")


pay, rows = schedule(25_000, 0.065, 60)
print(f"car loan: {pay:.2f} a month for {len(rows)} months")
show(rows, 12)
total_interest = sum(r[2] for r in rows)
print(f"total paid {sum(r[1] for r in rows):,.2f}, interest {total_interest:,.2f}")
pay, faster = schedule(25_000, 0.065, 60, extra={6: 2000, 18: 3000, 30: 1500})
saved = total_interest - sum(r[2] for r in faster)
print(f"with extra payments: {len(faster)} months, interest saved {saved:,.2f}")
print(f"{'term':>6}" + "".join(f"{rate:>10.1%}" for rate in (0.0, 0.03, 0.05, 0.08)))
for years in (10, 15, 20, 30):
    cells = [payment(300_000, rate, years * 12) for rate in (0.0, 0.03, 0.05, 0.08)]
    print(f"{years:>4}y " + "".join(f"{c:>10,.2f}" for c in cells))
mortgage_pay, mortgage = schedule(300_000, 0.05, 360)
half = next(r for r in mortgage if r[3] > r[2])
print(f"mortgage {mortgage_pay:,.2f}/month: principal first exceeds interest in month {half[0]}")
print("yearly interest:", [round(sum(r[2] for r in mortgage[y * 12:(y + 1) * 12])) for y in range(0, 30, 5)])
for bad in [(0, 0.05, 12), (1000, 1.5, 12), (1000, 0.05, 0), (-5, 0.1, 10)]:
    try:
        payment(*bad)
    except LoanError as e:
        print("LoanError:", e)
