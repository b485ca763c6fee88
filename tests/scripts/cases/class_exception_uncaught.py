# An exception raised inside methods and not caught: the traceback walks through the method
# frames, and the last line names the class by its qualified name.


class Ledger:
    class Overdrawn(Exception):
        pass

    def __init__(self):
        self.balance = 0

    def withdraw(self, amount):
        self.check(amount)
        self.balance -= amount

    def check(self, amount):
        if amount > self.balance:
            raise Ledger.Overdrawn(f"cannot withdraw {amount} from {self.balance}")


ledger = Ledger()
print("withdrawing")
ledger.withdraw(5)
print("not reached")
