# Calendar arithmetic without a date module: leap years, days in month, day of the week by
# Zeller's congruence, ordinal day numbers, differences between dates, adding days, month
# calendars printed like `cal`, and validation errors for impossible dates.

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in(year, month):
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def validate(y, m, d):
    if not 1 <= m <= 12:
        raise ValueError(f"month must be in 1..12, not {m}")
    if not 1 <= d <= days_in(y, m):
        raise ValueError(f"day {d} is out of range for {MONTHS[m - 1]} {y}")


def weekday(y, m, d):
    """0 = Monday."""
    if m < 3:
        m += 12
        y -= 1
    k, j = y % 100, y // 100
    h = (d + 13 * (m + 1) // 5 + k + k // 4 + j // 4 + 5 * j) % 7
    return (h + 5) % 7


def ordinal(y, m, d):
    validate(y, m, d)
    y1 = y - 1
    days = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    return days + sum(days_in(y, k) for k in range(1, m)) + d


def from_ordinal(n):
    y = max(1, n // 366)
    while ordinal(y + 1, 1, 1) <= n:
        y += 1
    m = 1
    while ordinal(y, m, days_in(y, m)) < n:
        m += 1
    return y, m, n - ordinal(y, m, 1) + 1


def month_calendar(y, m):
    lines = [f"{MONTHS[m - 1]} {y}".center(20).rstrip(), " ".join(DAYS)]
    cells = ["  "] * weekday(y, m, 1) + [f"{d:>2}" for d in range(1, days_in(y, m) + 1)]
    for i in range(0, len(cells), 7):
        lines.append(" ".join(cells[i:i + 7]))
    return "\n".join(lines)


print([y for y in (1900, 2000, 2023, 2024, 2100, 2400) if is_leap(y)])
for date in [(2024, 2, 29), (1969, 7, 20), (2000, 1, 1), (1999, 12, 31), (2026, 12, 7)]:
    print("%04d-%02d-%02d is a %s, day %d of the year" % (
        *date, DAYS[weekday(*date)], ordinal(*date) - ordinal(date[0], 1, 1) + 1))
print(month_calendar(2024, 2))
print(month_calendar(2026, 12))
a, b = (1969, 7, 20), (2024, 2, 29)
print("days between:", ordinal(*b) - ordinal(*a))
for delta in (1, 30, 365, 1000, -1):
    print(f"{b} + {delta} days = {from_ordinal(ordinal(*b) + delta)}")
print("check:", all(from_ordinal(ordinal(y, m, d)) == (y, m, d)
                    for y in (1999, 2000, 2024) for m in range(1, 13) for d in (1, 15, days_in(y, m))))
fridays = [(y, m) for y in range(2023, 2026) for m in range(1, 13) if weekday(y, m, 13) == 4]
print("Friday the 13th:", ", ".join(f"{MONTHS[m - 1][:3]} {y}" for y, m in fridays))
for bad in [(2023, 2, 29), (2024, 13, 1), (2024, 4, 31), (2024, 0, 10)]:
    try:
        ordinal(*bad)
    except ValueError as e:
        print("ValueError:", e)
