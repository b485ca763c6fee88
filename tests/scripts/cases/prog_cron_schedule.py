# A cron expression parser and scheduler: five fields (minute, hour, day of month, month,
# day of week) with *, lists, ranges, steps and names (jan, mon), expansion to sets,
# the next run times after a given moment computed on a simple calendar, and
# validation errors naming the field.

FIELDS = [("minute", 0, 59), ("hour", 0, 23), ("day", 1, 31), ("month", 1, 12), ("weekday", 0, 6)]
NAMES = {"month": "jan feb mar apr may jun jul aug sep oct nov dec".split(),
         "weekday": "sun mon tue wed thu fri sat".split()}
DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


class CronError(ValueError):
    pass


def parse_value(text, field, lo):
    names = NAMES.get(field)
    if names and text.lower() in names:
        return names.index(text.lower()) + (1 if field == "month" else 0)
    if not text.isdigit():
        raise CronError(f"{field}: bad value {text!r}")
    return int(text)


def parse_field(text, field, lo, hi):
    values = set()
    for part in text.split(","):
        body, _, step = part.partition("/")
        step = int(step) if step else 1
        if step < 1:
            raise CronError(f"{field}: step must be positive")
        if body == "*":
            start, end = lo, hi
        elif "-" in body:
            a, b = body.split("-")
            start, end = parse_value(a, field, lo), parse_value(b, field, lo)
        else:
            start = parse_value(body, field, lo)
            end = hi if step > 1 else start
        if not (lo <= start <= hi and lo <= end <= hi) or start > end:
            raise CronError(f"{field}: {part!r} is outside {lo}-{hi}")
        values.update(range(start, end + 1, step))
    return values


def parse(expr):
    parts = expr.split()
    if len(parts) != 5:
        raise CronError(f"expected 5 fields, got {len(parts)}")
    return {name: parse_field(p, name, lo, hi) for p, (name, lo, hi) in zip(parts, FIELDS)}


def weekday(year, month, day):
    t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    y = year - (month < 3)
    return (y + y // 4 - y // 100 + y // 400 + t[month - 1] + day) % 7


def next_runs(spec, start, count):
    year, month, day, hour, minute = start
    runs = []
    while len(runs) < count:
        minute += 1
        if minute == 60:
            minute, hour = 0, hour + 1
        if hour == 24:
            hour, day = 0, day + 1
        leap = year % 4 == 0 and (year % 100 or year % 400 == 0)
        if day > DAYS_IN[month - 1] + (month == 2 and bool(leap)):
            day, month = 1, month + 1
        if month == 13:
            month, year = 1, year + 1
        if (month in spec["month"] and day in spec["day"] and weekday(year, month, day) in spec["weekday"]
                and hour in spec["hour"] and minute in spec["minute"]):
            runs.append(f"{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d} {NAMES['weekday'][weekday(year, month, day)]}")
    return runs


START = (2024, 2, 27, 23, 58)
for expr in ["*/15 9-10 * * mon-fri", "0 0 29 feb *", "30 4 1,15 * *", "0 12 * jan,jul sun", "5 */6 * * *"]:
    spec = parse(expr)
    sizes = {k: len(v) for k, v in spec.items()}
    print(f"{expr:<24} {sizes}")
    print("    next:", next_runs(spec, START, 4 if "feb" not in expr else 1))
for bad in ["* * * *", "60 * * * *", "*/0 * * * *", "* * * foo *", "5-1 * * * *", "* 25 * * *"]:
    try:
        parse(bad)
    except CronError as e:
        print(f"{bad!r}: {e}")
