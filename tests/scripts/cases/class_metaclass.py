# Metaclasses: the metaclass= keyword, __prepare__, __new__ and __init__ with the class
# statement's keywords, the most derived metaclass of the bases, __call__ on instances'
# creation, __init_subclass__, and the conflict error.


class Registry(type):
    classes = []

    @classmethod
    def __prepare__(mcls, name, bases, **kwds):
        print("prepare", name, [b.__name__ for b in bases], kwds)
        return {"registered_by": mcls.__name__}

    def __new__(mcls, name, bases, namespace, **kwds):
        print("new", name, sorted(k for k in namespace if not k.startswith("__")), kwds)
        cls = super().__new__(mcls, name, bases, namespace)
        mcls.classes.append(name)
        return cls

    def __init__(cls, name, bases, namespace, **kwds):
        super().__init__(name, bases, namespace)
        cls.options = kwds

    def __call__(cls, *args, **kwargs):
        print("making a", cls.__name__, args)
        return super().__call__(*args, **kwargs)


class Plugin(metaclass=Registry, version=1):
    def __init__(self, value):
        self.value = value


class AudioPlugin(Plugin, version=2, kind="audio"):
    gain = 3


p = AudioPlugin(7)
print(p.value, AudioPlugin.gain, AudioPlugin.registered_by, AudioPlugin.options)
print(Registry.classes, type(AudioPlugin).__name__, isinstance(AudioPlugin, Registry))


class Meta2(Registry):
    pass


class Mixed(Plugin, metaclass=Meta2):
    pass


print(type(Mixed).__name__)


class Other(type):
    pass


class OtherBase(metaclass=Other):
    pass


try:
    class Broken(Plugin, OtherBase):
        pass
except TypeError as exc:
    print(exc)


# A metaclass that is a function, not a class.
def tagging(name, bases, namespace):
    namespace["tag"] = name.lower()
    return type(name, bases, namespace)


class Tagged(metaclass=tagging):
    pass


print(Tagged.tag, type(Tagged).__name__)


class Base:
    subclasses = []

    def __init_subclass__(cls, /, prefix="", **kwds):
        super().__init_subclass__(**kwds)
        cls.label = prefix + cls.__name__
        Base.subclasses.append(cls.label)


class One(Base):
    pass


class Two(Base, prefix="x-"):
    pass


print(Base.subclasses, One.label, Two.label)
try:
    class Three(Base, unknown=1):
        pass
except TypeError as exc:
    print(exc)

# type(name, bases, dict) makes the same class a statement would.
Dyn = type("Dyn", (One,), {"extra": lambda self: "extra " + self.label})
print(Dyn().extra(), Dyn.__module__, Dyn.__qualname__)
print(type(type), type(object), type(Registry))


class NotAMapping(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 5


try:
    class Weird(metaclass=NotAMapping):
        pass
except TypeError as exc:
    print(exc)
