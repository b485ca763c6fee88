# super() with no arguments in a function that is not a method: the uncaught RuntimeError's
# traceback.


class Base:
    def greet(self):
        return "hi"


def greet_twice(self):
    return super().greet() * 2


Base.twice = greet_twice
print(Base().greet())
print(Base().twice())
