# Declarative record models like a small ORM: typed field descriptors with validation
# (ranges, choices, lengths, defaults), models registered through __init_subclass__, a
# generated __init__/__repr__/__eq__, a table per model with unique keys and queries by
# keyword, and the validation errors each bad record produces.


class ValidationError(ValueError):
    pass


class Field:
    def __init__(self, kind, default=None, required=True, **rules):
        self.kind, self.default, self.required, self.rules = kind, default, required, rules

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, self.default)

    def __set__(self, obj, value):
        if value is None:
            if self.required and self.default is None:
                raise ValidationError(f"{self.name} is required")
            value = self.default
        elif not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            raise ValidationError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        r = self.rules
        if "min" in r and value < r["min"] or "max" in r and value > r["max"]:
            raise ValidationError(f"{self.name}={value!r} outside {r.get('min')}..{r.get('max')}")
        if "choices" in r and value not in r["choices"]:
            raise ValidationError(f"{self.name}={value!r} not one of {sorted(r['choices'])}")
        if "max_len" in r and len(value) > r["max_len"]:
            raise ValidationError(f"{self.name} longer than {r['max_len']} characters")
        obj.__dict__[self.name] = value


class Model:
    registry = {}

    def __init_subclass__(cls, table=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.fields = [k for k, v in cls.__dict__.items() if isinstance(v, Field)]
        cls.rows = {}
        Model.registry[table or cls.__name__.lower()] = cls

    def __init__(self, **values):
        unknown = set(values) - set(self.fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field(s) {', '.join(sorted(unknown))}")
        for name in self.fields:
            setattr(self, name, values.get(name))

    def __repr__(self):
        return f"{type(self).__name__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.fields) + ")"

    def __eq__(self, other):
        return type(self) is type(other) and all(getattr(self, f) == getattr(other, f) for f in self.fields)

    def save(self):
        key = getattr(self, self.fields[0])
        if key in self.rows and self.rows[key] is not self:
            raise ValidationError(f"duplicate {self.fields[0]} {key!r}")
        self.rows[key] = self
        return self

    @classmethod
    def where(cls, **conditions):
        return sorted((r for r in cls.rows.values() if all(getattr(r, k) == v for k, v in conditions.items())),
                      key=lambda r: getattr(r, cls.fields[0]))


class User(Model, table="users"):
    email = Field(str, max_len=30)
    age = Field(int, min=13, max=120)
    role = Field(str, default="member", choices={"member", "admin", "guest"})


class Product(Model):
    sku = Field(str, max_len=8)
    price = Field(float, min=0.0)
    stock = Field(int, default=0, min=0)


print(sorted(Model.registry), User.fields, Product.fields, User.email.name)
for data in [dict(email="ann@example.org", age=34), dict(email="bob@example.org", age=17, role="admin"),
             dict(email="cy@example.org", age=12), dict(email="dee@example.org", age="40"),
             dict(email="eve@example.org", age=50, role="owner"), dict(age=30),
             dict(email="x" * 40 + "@example.org", age=30), dict(email="ann@example.org", age=60),
             dict(email="fay@example.org", age=True), dict(email="gus@example.org", age=44, nickname="g")]:
    try:
        print("saved", User(**data).save())
    except (ValidationError, TypeError) as e:
        print(f"{type(e).__name__}: {e}")
Product(sku="TEA-1", price=4.5, stock=10).save()
Product(sku="CUP-2", price=12.0).save()
for bad in [dict(sku="MUG-3", price=-1.0), dict(sku="TOOLONGSKU", price=1.0), dict(sku="PEN", price=2)]:
    try:
        Product(**bad)
    except ValidationError as e:
        print("ValidationError:", e)
print(User.where(role="member"), Product.where(stock=0))
u = User.where(email="bob@example.org")[0]
u.role = "guest"
print(u, u == User(email="bob@example.org", age=17, role="guest"), u == Product(sku="x", price=1.0))
