# A tiny query engine over lists of dicts: SELECT columns FROM table WHERE conditions ORDER
# BY column [DESC] LIMIT n, parsed with str methods, conditions with =, !=, <, >, <=, >= and
# AND, a GROUP BY with COUNT/SUM/AVG, a join helper, and errors for bad queries.

TABLES = {
    "employees": [
        {"id": 1, "name": "Ana", "dept": "eng", "salary": 120, "city": "Lisbon"},
        {"id": 2, "name": "Ben", "dept": "eng", "salary": 95, "city": "Berlin"},
        {"id": 3, "name": "Caro", "dept": "sales", "salary": 70, "city": "Lisbon"},
        {"id": 4, "name": "Dev", "dept": "sales", "salary": 82, "city": "Paris"},
        {"id": 5, "name": "Eli", "dept": "ops", "salary": 66, "city": "Berlin"},
        {"id": 6, "name": "Fay", "dept": "eng", "salary": 133, "city": "Paris"},
    ],
    "depts": [{"dept": "eng", "floor": 3}, {"dept": "sales", "floor": 1}, {"dept": "ops", "floor": 0}],
}
OPS = {"=": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
       ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b}


class QueryError(Exception):
    pass


def literal(text):
    if text[0] in "'\"":
        return text[1:-1]
    try:
        return int(text)
    except ValueError:
        raise QueryError(f"bad literal {text!r}") from None


def condition(text):
    for op in ("!=", "<=", ">=", "=", "<", ">"):
        if op in text:
            col, value = (p.strip() for p in text.split(op, 1))
            return lambda row: OPS[op](row[col], literal(value))
    raise QueryError(f"bad condition {text!r}")


def query(sql):
    words = sql.replace(",", " , ").split()
    upper = [w.upper() for w in words]
    if not upper or upper[0] != "SELECT" or "FROM" not in upper:
        raise QueryError("expected SELECT ... FROM ...")
    f = upper.index("FROM")
    columns = [w for w in words[1:f] if w != ","]
    table = words[f + 1]
    if table not in TABLES:
        raise QueryError(f"no table {table!r}")
    rows = TABLES[table]

    def clause(name, stop=("WHERE", "GROUP", "ORDER", "LIMIT")):
        if name not in upper:
            return None
        start = upper.index(name) + (2 if name in ("GROUP", "ORDER") else 1)
        end = next((i for i in range(start, len(words)) if upper[i] in stop), len(words))
        return words[start:end]

    where = clause("WHERE")
    if where:
        checks = [condition(c) for c in " ".join(where).split(" AND ")]
        rows = [r for r in rows if all(c(r) for c in checks)]
    group = clause("GROUP")
    if group:
        key = group[0]
        groups = {}
        for r in rows:
            groups.setdefault(r[key], []).append(r)
        rows = []
        for k, members in groups.items():
            out = {key: k, "COUNT": len(members)}
            for col in columns:
                if "(" in col:
                    fn, arg = col.rstrip(")").split("(")
                    vals = [m[arg] for m in members]
                    out[col] = {"SUM": sum(vals), "AVG": round(sum(vals) / len(vals), 1),
                                "MAX": max(vals)}[fn.upper()]
            rows.append(out)
    order = clause("ORDER")
    if order:
        rows = sorted(rows, key=lambda r: r[order[0]], reverse=len(order) > 1 and order[1].upper() == "DESC")
    limit = clause("LIMIT")
    if limit:
        rows = rows[:int(limit[0])]
    try:
        return [tuple(r[c] for c in columns) if columns != ["*"] else tuple(r.values()) for r in rows]
    except KeyError as e:
        raise QueryError(f"no column {e}") from None


for sql in ["SELECT name, salary FROM employees WHERE salary > 80 ORDER BY salary DESC",
            "SELECT name FROM employees WHERE city = 'Lisbon' AND dept != 'eng'",
            "SELECT dept, COUNT, SUM(salary), AVG(salary) FROM employees GROUP BY dept ORDER BY dept",
            "SELECT * FROM depts ORDER BY floor LIMIT 2",
            "SELECT name, city FROM employees ORDER BY city LIMIT 4",
            "SELECT name FROM staff", "SELECT age FROM employees", "DELETE FROM employees",
            "SELECT name FROM employees WHERE salary ~ 5", "SELECT name FROM employees WHERE id = x"]:
    try:
        print(f"{sql}\n  -> {query(sql)}")
    except QueryError as e:
        print(f"{sql}\n  !! {e}")
floors = {d["dept"]: d["floor"] for d in TABLES["depts"]}
print([(e["name"], floors[e["dept"]]) for e in TABLES["employees"] if floors[e["dept"]] > 0])
