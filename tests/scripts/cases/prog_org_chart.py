# An organisation chart: employees parsed from text with their managers, a tree built from
# the parent links, recursive head counts and salary totals per team, the chain of command,
# the lowest common manager of two people, an indented chart, and validation of the data
# (unknown managers, cycles).

STAFF = """
ceo     | Grace  | -      | 250000
cto     | Linus  | ceo    | 180000
cfo     | Ada    | ceo    | 175000
eng1    | Ken    | cto    | 120000
eng2    | Barbara| cto    | 125000
eng3    | Guido  | eng2   | 110000
eng4    | Bjarne | eng2   | 115000
acct1   | Luca   | cfo    | 90000
acct2   | Hedy   | cfo    | 92000
intern  | Tim    | eng3   | 30000
"""


class Employee:
    def __init__(self, ident, name, manager, salary):
        self.ident, self.name, self.manager_id, self.salary = ident, name, manager, salary
        self.reports = []
        self.manager = None


def load(text):
    staff = {}
    for line in text.strip().splitlines():
        ident, name, manager, salary = (field.strip() for field in line.split("|"))
        staff[ident] = Employee(ident, name, None if manager == "-" else manager, int(salary))
    roots = []
    for e in staff.values():
        if e.manager_id is None:
            roots.append(e)
        elif e.manager_id not in staff:
            raise ValueError(f"{e.name} reports to unknown {e.manager_id!r}")
        else:
            e.manager = staff[e.manager_id]
            e.manager.reports.append(e)
    for e in staff.values():
        seen, m = {e.ident}, e.manager
        while m:
            if m.ident in seen:
                raise ValueError(f"management cycle through {e.name}")
            seen.add(m.ident)
            m = m.manager
    if len(roots) != 1:
        raise ValueError(f"expected one root, found {len(roots)}")
    return staff, roots[0]


def team(e):
    yield e
    for r in e.reports:
        yield from team(r)


def chain(e):
    out = []
    while e:
        out.append(e.name)
        e = e.manager
    return out


def common_manager(a, b):
    above = set(chain(a.manager))
    m = b.manager
    while m and m.name not in above:
        m = m.manager
    return m.name if m else None


def chart(e, depth=0):
    members = list(team(e))
    line = f"{'  ' * depth}{e.name} ({e.ident}) team {len(members)} payroll {sum(m.salary for m in members):,}"
    return [line] + [l for r in sorted(e.reports, key=lambda r: r.name) for l in chart(r, depth + 1)]


staff, root = load(STAFF)
print("\n".join(chart(root)))
print("chain of Tim:", " < ".join(chain(staff["intern"])))
print("common manager of Tim and Bjarne:", common_manager(staff["intern"], staff["eng4"]))
print("common manager of Guido and Hedy:", common_manager(staff["eng3"], staff["acct2"]))
depths = {e.ident: len(chain(e)) - 1 for e in staff.values()}
print("deepest:", max(depths, key=depths.get), "levels:", max(depths.values()) + 1)
managers = sorted((e for e in staff.values() if e.reports), key=lambda e: -len(e.reports))
print("span of control:", [(m.name, len(m.reports)) for m in managers])
paid_more = [e.name for e in staff.values() if e.manager and e.salary > e.manager.salary]
print("earn more than their manager:", paid_more or "nobody")
for bad in [STAFF.replace("| eng3   |", "| eng9   |"), STAFF.replace("Grace  | -", "Grace  | intern"),
            STAFF + "ceo2 | Other | - | 1\n"]:
    try:
        load(bad)
    except ValueError as e:
        print("ValueError:", e)
