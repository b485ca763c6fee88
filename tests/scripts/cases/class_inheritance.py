# Single inheritance: overriding, extending through the base, isinstance / issubclass,
# attribute lookup along the bases, methods that call overridable hooks.


class Animal:
    sound = "..."
    legs = 4

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def describe(self):
        return f"{self.name} has {self.legs} legs and says {self.noise()}"

    def noise(self):
        return self.sound


class Dog(Animal):
    sound = "woof"


class Puppy(Dog):
    def noise(self):
        return self.sound.upper() + "!"


class Bird(Animal):
    legs = 2
    sound = "tweet"

    def __init__(self, name, can_fly=True):
        Animal.__init__(self, name)
        self.can_fly = can_fly

    def speak(self):
        base = Animal.speak(self)
        return base + (" and flies" if self.can_fly else " and walks")


pets = [Animal("thing"), Dog("rex"), Puppy("bit"), Bird("tweety"), Bird("pingu", False)]
for pet in pets:
    print(pet.speak(), "|", pet.describe())

print(isinstance(pets[2], Puppy), isinstance(pets[2], Dog), isinstance(pets[2], Animal))
print(isinstance(pets[1], Puppy), isinstance(pets[3], (Dog, Bird)), isinstance(3, Animal))
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy), issubclass(Bird, (Dog, object)))
print([c.__name__ for c in Puppy.__mro__], Puppy.__bases__[0].__name__, Animal.__base__)
print(issubclass(bool, int), isinstance(True, int), issubclass(Dog, Dog))
try:
    issubclass(pets[0], Animal)
except TypeError as exc:
    print(exc)
try:
    isinstance(pets[0], pets[1])
except TypeError as exc:
    print(exc)

# A subclass sees later changes to its bases.
Animal.legs = 6
print(Dog("ant").describe(), Bird("b").legs)
print(Animal.__subclasses__() == [Dog, Bird], Dog.__subclasses__() == [Puppy])

# Inheriting from object explicitly is the same as not saying it.
class Plain(object):
    pass


print(Plain.__bases__, Plain.__mro__)
