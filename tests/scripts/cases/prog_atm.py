# A cash machine as a state machine: card inserted, PIN checked with three attempts before
# the card is retained, a menu of balance, withdrawal and deposit, notes dispensed from a
# cassette with limited counts, a daily withdrawal limit, and a session transcript.


class ATMError(Exception):
    pass


class Account:
    def __init__(self, number, pin, balance):
        self.number, self.pin, self.balance = number, pin, balance
        self.withdrawn_today = 0


class ATM:
    DAILY_LIMIT = 500

    def __init__(self, accounts, cassette):
        self.accounts = {a.number: a for a in accounts}
        self.cassette = dict(cassette)
        self.state = "idle"
        self.card = None
        self.attempts = 0
        self.retained = []

    def expect(self, *states):
        if self.state not in states:
            raise ATMError(f"not possible while {self.state}")

    def insert(self, number):
        self.expect("idle")
        if number not in self.accounts:
            raise ATMError("card not recognised")
        self.card, self.attempts, self.state = self.accounts[number], 0, "pin"
        return "enter PIN"

    def enter_pin(self, pin):
        self.expect("pin")
        if pin == self.card.pin:
            self.state = "menu"
            return "PIN ok"
        self.attempts += 1
        if self.attempts == 3:
            self.retained.append(self.card.number)
            self.card, self.state = None, "idle"
            return "card retained"
        return f"wrong PIN, {3 - self.attempts} attempts left"

    def notes_for(self, amount):
        plan, left = {}, amount
        for note in sorted(self.cassette, reverse=True):
            n = min(left // note, self.cassette[note])
            if n:
                plan[note] = n
                left -= n * note
        if left:
            raise ATMError(f"cannot dispense {amount} with the notes available")
        return plan

    def withdraw(self, amount):
        self.expect("menu")
        if amount <= 0 or amount % 10:
            raise ATMError(f"amount must be a positive multiple of 10, not {amount}")
        if amount > self.card.balance:
            raise ATMError(f"insufficient funds (balance {self.card.balance})")
        if self.card.withdrawn_today + amount > self.DAILY_LIMIT:
            raise ATMError(f"daily limit: {self.DAILY_LIMIT - self.card.withdrawn_today} left today")
        plan = self.notes_for(amount)
        for note, n in plan.items():
            self.cassette[note] -= n
        self.card.balance -= amount
        self.card.withdrawn_today += amount
        return " + ".join(f"{n}x{note}" for note, n in plan.items())

    def deposit(self, amount):
        self.expect("menu")
        self.card.balance += amount
        return f"deposited {amount}"

    def balance(self):
        self.expect("menu")
        return f"balance {self.card.balance}"

    def eject(self):
        self.expect("pin", "menu")
        self.card, self.state = None, "idle"
        return "card ejected"


atm = ATM([Account("1111", "4321", 800), Account("2222", "0000", 120)], {50: 4, 20: 10, 10: 2})
session = [("insert", "1111"), ("enter_pin", "1234"), ("enter_pin", "4321"), ("balance",),
           ("withdraw", 230), ("withdraw", 15), ("withdraw", 300), ("deposit", 60), ("withdraw", 260),
           ("balance",), ("eject",), ("withdraw", 10), ("insert", "9999"), ("insert", "2222"),
           ("enter_pin", "1"), ("enter_pin", "2"), ("enter_pin", "3"), ("insert", "2222"),
           ("insert", "1111"), ("enter_pin", "4321"), ("withdraw", 40), ("withdraw", 160), ("eject",)]
for action, *args in session:
    try:
        result = getattr(atm, action)(*args)
    except ATMError as e:
        result = f"error: {e}"
    print(f"{action:<10}{str(args[0]) if args else '':<6} {result:<48} [{atm.state}]")
print("cassette:", atm.cassette, "retained:", atm.retained)
print({a.number: (a.balance, a.withdrawn_today) for a in atm.accounts.values()})
