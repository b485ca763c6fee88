# Course registration: courses with prerequisites, capacities and time slots, students with
# transcripts, enrolment checks (prerequisites met, no clash, capacity with a waitlist),
# drops that promote the first waitlisted student, and a planner that orders the remaining
# courses of a degree by prerequisites.


class EnrolmentError(Exception):
    pass


class Course:
    def __init__(self, code, title, capacity, slot, prereqs=()):
        self.code, self.title, self.capacity, self.slot = code, title, capacity, slot
        self.prereqs = set(prereqs)
        self.enrolled, self.waitlist = [], []


class Student:
    def __init__(self, name, passed=()):
        self.name = name
        self.passed = set(passed)
        self.schedule = {}


class Registrar:
    def __init__(self, courses):
        self.courses = {c.code: c for c in courses}

    def enrol(self, student, code):
        course = self.courses.get(code)
        if course is None:
            raise EnrolmentError(f"no course {code}")
        missing = sorted(course.prereqs - student.passed)
        if missing:
            raise EnrolmentError(f"{student.name} lacks {', '.join(missing)} for {code}")
        if code in student.schedule or student in course.waitlist:
            raise EnrolmentError(f"{student.name} is already in {code}")
        clash = next((c for c, slot in student.schedule.items() if slot == course.slot), None)
        if clash:
            raise EnrolmentError(f"{code} clashes with {clash} at {course.slot}")
        if len(course.enrolled) >= course.capacity:
            course.waitlist.append(student)
            return f"{student.name} waitlisted for {code} (#{len(course.waitlist)})"
        course.enrolled.append(student)
        student.schedule[code] = course.slot
        return f"{student.name} enrolled in {code}"

    def drop(self, student, code):
        course = self.courses[code]
        if student not in course.enrolled:
            raise EnrolmentError(f"{student.name} is not enrolled in {code}")
        course.enrolled.remove(student)
        del student.schedule[code]
        messages = [f"{student.name} dropped {code}"]
        while course.waitlist:
            nxt = course.waitlist.pop(0)
            try:
                messages.append(self.enrol(nxt, code))
                break
            except EnrolmentError as e:
                messages.append(f"skipped {nxt.name}: {e}")
        return "; ".join(messages)

    def plan(self, student, degree):
        todo = [c for c in degree if c not in student.passed]
        done, order = set(student.passed), []
        while todo:
            ready = sorted(c for c in todo if self.courses[c].prereqs <= done)
            if not ready:
                raise EnrolmentError(f"cannot order {todo}: prerequisites never met")
            order.append(ready)
            done.update(ready)
            todo = [c for c in todo if c not in ready]
        return order


reg = Registrar([Course("CS101", "Programming", 2, "Mon 9"), Course("CS102", "Data Structures", 2, "Tue 9", ["CS101"]),
                 Course("CS201", "Algorithms", 1, "Mon 9", ["CS102"]), Course("MA101", "Calculus", 3, "Mon 9"),
                 Course("MA201", "Linear Algebra", 2, "Wed 11", ["MA101"]),
                 Course("CS301", "Compilers", 2, "Thu 14", ["CS201", "MA201"])])
ann = Student("Ann", ["CS101", "CS102", "MA101"])
bob = Student("Bob", ["CS101"])
cat = Student("Cat", ["CS101", "CS102"])
dan = Student("Dan")
for student, code in [(ann, "CS201"), (cat, "CS201"), (bob, "CS201"), (bob, "CS102"), (dan, "CS101"),
                      (dan, "MA101"), (cat, "MA201"), (ann, "MA201"), (ann, "CS201"), (dan, "PH100"),
                      (bob, "MA201"), (cat, "CS102")]:
    try:
        print(reg.enrol(student, code))
    except EnrolmentError as e:
        print("refused:", e)
print(reg.drop(ann, "CS201"))
for code, c in reg.courses.items():
    print(f"{code} {c.title:<16} {len(c.enrolled)}/{c.capacity} {[s.name for s in c.enrolled]} wait {[s.name for s in c.waitlist]}")
degree = ["CS101", "CS102", "CS201", "MA101", "MA201", "CS301"]
print("Dan's plan:", reg.plan(dan, degree))
print("Cat's plan:", reg.plan(cat, degree))
reg.courses["CS101"].prereqs.add("CS301")
try:
    reg.plan(dan, degree)
except EnrolmentError as e:
    print("EnrolmentError:", e)
