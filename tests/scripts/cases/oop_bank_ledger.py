# A small bank: accounts of three kinds in a class hierarchy, a ledger of transactions,
# user exceptions for refused operations, a context manager that rolls a batch back when
# one of its transfers fails, properties, class-level counters and sorted reports.


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner}: cannot take {amount}, balance {account.balance}")
        self.account = account
        self.amount = amount


class AccountFrozen(BankError):
    pass


class Transaction:
    next_id = 1

    def __init__(self, kind, account, amount):
        self.id = Transaction.next_id
        Transaction.next_id += 1
        self.kind, self.account, self.amount = kind, account, amount

    def __repr__(self):
        return f"#{self.id} {self.kind:<8} {self.account.number} {self.amount:>8.2f}"


class Account:
    opened = 0
    fee = 0.0

    def __init__(self, owner, balance=0.0):
        Account.opened += 1
        self.number = f"AC{Account.opened:03d}"
        self.owner = owner
        self._balance = balance
        self.frozen = False
        self.history = []

    @property
    def balance(self):
        return round(self._balance, 2)

    def limit(self):
        return self._balance

    def deposit(self, amount):
        self._check()
        self._balance += amount
        return self._record("deposit", amount)

    def withdraw(self, amount):
        self._check()
        total = amount + self.fee
        if total > self.limit():
            raise InsufficientFunds(self, amount)
        self._balance -= total
        return self._record("withdraw", -total)

    def _check(self):
        if self.frozen:
            raise AccountFrozen(f"{self.number} is frozen")

    def _record(self, kind, amount):
        tx = Transaction(kind, self, amount)
        self.history.append(tx)
        return tx

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self.balance})"

    def __lt__(self, other):
        return self.balance < other.balance


class Checking(Account):
    fee = 0.5

    def __init__(self, owner, balance=0.0, overdraft=100):
        super().__init__(owner, balance)
        self.overdraft = overdraft

    def limit(self):
        return super().limit() + self.overdraft


class Savings(Account):
    rate = 0.02

    def add_interest(self):
        return self.deposit(self._balance * self.rate)


class Batch:
    """Transfers that happen all together or not at all."""

    def __init__(self, bank):
        self.bank = bank
        self.undo = []

    def transfer(self, source, target, amount):
        source.withdraw(amount)
        self.undo.append((source, amount + source.fee))
        target.deposit(amount)
        self.undo.append((target, -amount))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.bank.log.append(f"batch of {len(self.undo) // 2} committed")
            return False
        for account, amount in reversed(self.undo):
            account._balance += amount
        self.bank.log.append(f"batch rolled back: {exc}")
        return issubclass(exc_type, BankError)


class Bank:
    def __init__(self):
        self.accounts = {}
        self.log = []

    def open(self, kind, owner, *args):
        account = kind(owner, *args)
        self.accounts[account.number] = account
        return account

    def total(self):
        return round(sum(a.balance for a in self.accounts.values()), 2)


bank = Bank()
alice = bank.open(Checking, "alice", 50.0)
bob = bank.open(Savings, "bob", 1000.0)
carol = bank.open(Account, "carol")
print(alice, bob, carol, bank.total())
with Batch(bank) as batch:
    batch.transfer(bob, alice, 200)
    batch.transfer(alice, carol, 120)
with Batch(bank) as batch:
    batch.transfer(carol, alice, 20)
    batch.transfer(carol, bob, 500)
print(alice, bob, carol, bank.total())
bob.add_interest()
carol.frozen = True
for action in (lambda: carol.deposit(1), lambda: alice.withdraw(1000), lambda: alice.withdraw(300)):
    try:
        print("ok:", action())
    except BankError as err:
        print(type(err).__name__, "-", err)
print(bank.log)
for account in sorted(bank.accounts.values(), reverse=True):
    print(account.number, account, len(account.history), account.history[-1:])
print(Account.opened, Transaction.next_id - 1, isinstance(alice, Account), bank.total())
