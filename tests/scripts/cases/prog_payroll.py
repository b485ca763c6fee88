# A payroll run: employees paid salaried, hourly with overtime, or by commission, a class
# hierarchy with an abstract gross_pay, progressive tax brackets, pension and benefit
# deductions, payslips formatted with aligned columns, and department totals; a bad
# timesheet is rejected with a ValueError that the final line leaves uncaught.

BRACKETS = [(1000, 0.0), (3000, 0.2), (6000, 0.3), (None, 0.4)]


class Employee:
    pension_rate = 0.05

    def __init__(self, ident, name, dept):
        self.ident, self.name, self.dept = ident, name, dept
        self.benefits = []

    def gross_pay(self):
        raise NotImplementedError(f"{type(self).__name__} must define gross_pay")

    def tax(self, gross):
        owed, lower = 0.0, 0
        for upper, rate in BRACKETS:
            top = gross if upper is None else min(gross, upper)
            if top > lower:
                owed += (top - lower) * rate
            if upper is None or gross <= upper:
                break
            lower = upper
        return round(owed, 2)

    def payslip(self):
        gross = round(self.gross_pay(), 2)
        lines = [("gross", gross), ("tax", -self.tax(gross)),
                 ("pension", -round(gross * self.pension_rate, 2))]
        lines += [(name, -cost) for name, cost in self.benefits]
        net = round(sum(v for _, v in lines), 2)
        return lines, net


class Salaried(Employee):
    def __init__(self, ident, name, dept, annual):
        super().__init__(ident, name, dept)
        self.annual = annual

    def gross_pay(self):
        return self.annual / 12


class Hourly(Employee):
    def __init__(self, ident, name, dept, rate, hours):
        super().__init__(ident, name, dept)
        if any(h < 0 or h > 24 for h in hours):
            raise ValueError(f"{name}: impossible hours in timesheet {hours}")
        self.rate, self.hours = rate, hours

    def gross_pay(self):
        total = sum(self.hours)
        overtime = max(0, total - 160)
        return (total - overtime) * self.rate + overtime * self.rate * 1.5


class Commissioned(Salaried):
    def __init__(self, ident, name, dept, annual, sales, rate):
        super().__init__(ident, name, dept, annual)
        self.sales, self.rate = sales, rate

    def gross_pay(self):
        return super().gross_pay() + sum(self.sales) * self.rate


staff = [Salaried(1, "Ines", "eng", 84000), Salaried(2, "Jon", "eng", 36000),
         Hourly(3, "Kai", "ops", 21.5, [8] * 20 + [10] * 2), Hourly(4, "Lea", "ops", 18.0, [8] * 15),
         Commissioned(5, "Mo", "sales", 24000, [12000, 8000, 30500], 0.04)]
staff[0].benefits = [("health", 120.0), ("gym", 25.0)]
staff[4].benefits = [("health", 120.0)]
dept_totals = {}
for e in staff:
    lines, net = e.payslip()
    print(f"#{e.ident} {e.name} ({type(e).__name__}, {e.dept})")
    for label, amount in lines:
        print(f"    {label:<10}{amount:>12,.2f}")
    print(f"    {'net':<10}{net:>12,.2f}")
    totals = dept_totals.setdefault(e.dept, [0.0, 0.0])
    totals[0] += lines[0][1]
    totals[1] += net
for dept, (gross, net) in sorted(dept_totals.items()):
    print(f"{dept:<6} gross {gross:>10,.2f} net {net:>10,.2f} kept {net / gross:.1%}")
print("taxes:", [Employee(0, "x", "y").tax(g) for g in (500, 1000, 2500, 6000, 10000)])
try:
    Employee(9, "Abstract", "none").payslip()
except NotImplementedError as e:
    print("NotImplementedError:", e)
staff.append(Hourly(6, "Ned", "ops", 20.0, [8, 8, 30, 8]))
