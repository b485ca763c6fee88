# A lending library: books with several copies, members with loan limits by membership
# type, checkouts and returns on day numbers, late fees with a cap, holds queues served on
# return, search by words in the title or author, and overdue reports.


class LibraryError(Exception):
    pass


class Book:
    def __init__(self, isbn, title, author, copies=1):
        self.isbn, self.title, self.author = isbn, title, author
        self.available = copies
        self.holds = []

    def __str__(self):
        return f"{self.title} by {self.author}"


class Member:
    LIMITS = {"child": 2, "adult": 4, "staff": 10}

    def __init__(self, name, kind="adult"):
        if kind not in self.LIMITS:
            raise LibraryError(f"unknown membership {kind!r}")
        self.name, self.kind = name, kind
        self.loans = {}
        self.fees = 0.0


class Library:
    LOAN_DAYS, FEE_PER_DAY, FEE_CAP = 14, 0.25, 5.0

    def __init__(self, books):
        self.books = {b.isbn: b for b in books}

    def checkout(self, member, isbn, day):
        book = self.books[isbn]
        if member.fees > 0:
            raise LibraryError(f"{member.name} owes {member.fees:.2f}")
        if len(member.loans) >= Member.LIMITS[member.kind]:
            raise LibraryError(f"{member.name} reached the {member.kind} limit")
        if isbn in member.loans:
            raise LibraryError(f"{member.name} already has {book.title!r}")
        if book.available == 0 or (book.holds and book.holds[0] is not member):
            if member not in book.holds:
                book.holds.append(member)
            return f"{member.name} placed a hold on {book.title!r} (position {book.holds.index(member) + 1})"
        if book.holds and book.holds[0] is member:
            book.holds.pop(0)
        book.available -= 1
        member.loans[isbn] = day + self.LOAN_DAYS
        return f"{member.name} borrowed {book.title!r}, due day {member.loans[isbn]}"

    def give_back(self, member, isbn, day):
        try:
            due = member.loans.pop(isbn)
        except KeyError:
            raise LibraryError(f"{member.name} did not borrow {isbn}") from None
        book = self.books[isbn]
        book.available += 1
        late = max(0, day - due)
        fee = min(late * self.FEE_PER_DAY, self.FEE_CAP)
        member.fees += fee
        note = f", {late} days late, fee {fee:.2f}" if late else ""
        waiting = f"; {book.holds[0].name} is next" if book.holds else ""
        return f"{member.name} returned {book.title!r}{note}{waiting}"

    def search(self, query):
        words = query.lower().split()
        return sorted(str(b) for b in self.books.values()
                      if all(w in (b.title + " " + b.author).lower() for w in words))

    def overdue(self, members, day):
        return sorted((day - due, m.name, self.books[i].title) for m in members
                      for i, due in m.loans.items() if due < day)


lib = Library([Book("111", "Dune", "Frank Herbert", 2), Book("222", "Emma", "Jane Austen"),
               Book("333", "Persuasion", "Jane Austen"), Book("444", "Hyperion", "Dan Simmons")])
ann, ben, cat = Member("Ann"), Member("Ben", "child"), Member("Cat", "staff")
actions = [(lib.checkout, ann, "111", 1), (lib.checkout, ben, "111", 1), (lib.checkout, cat, "111", 2),
           (lib.checkout, ben, "222", 3), (lib.checkout, ben, "333", 3), (lib.checkout, ann, "111", 4),
           (lib.give_back, ann, "111", 30), (lib.checkout, ann, "444", 31), (lib.checkout, cat, "111", 31),
           (lib.give_back, ben, "999", 32), (lib.give_back, ben, "222", 40), (lib.checkout, cat, "222", 41)]
for action, member, isbn, day in actions:
    try:
        print(f"day {day:>2}: {action(member, isbn, day)}")
    except LibraryError as e:
        print(f"day {day:>2}: refused: {e}")
print("overdue on day 45:", lib.overdue([ann, ben, cat], 45))
print("search 'jane':", lib.search("jane"), "| 'DUNE herbert':", lib.search("DUNE herbert"))
print("fees:", {m.name: m.fees for m in (ann, ben, cat)})
try:
    Member("Dee", "vip")
except LibraryError as e:
    print("LibraryError:", e)
