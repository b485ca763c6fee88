#!/usr/bin/env python3
"""Writes types_cases.txt: what CPython 3.11 gives for each case of the type-system suites
(types_builtin_test.cpp, types_class_test.cpp, types_descr_test.cpp, types_module_test.cpp,
types_fault_test.cpp and the other types_* suites).

Each case is the Python spelling of what the C++ test does through the C API; its outcome is
repr(result), or "ExceptionType: message" when it raises. Addresses print as 0x? on both sides.
Classes are made at the top level of this script, so their __module__ is '__main__', as the
tests' make_class gives them.

Usage: types_gen.py > types_cases.txt
"""
import re
import sys

CASES = []


def case(name):
    def register(f):
        CASES.append((name, f))
        return f
    return register


def outcome(f):
    try:
        result = f()
    except BaseException as e:  # noqa: BLE001 - every outcome is data here
        message = str(e)
        return type(e).__name__ + (": " + message if message else "")
    return repr(result)


# --- Built-in types: slot wrappers and descriptors (types_builtin_test.cpp) -------------------

case("len_through_call_method")(lambda: [1, 2, 3].__len__())
case("int_add_bound")(lambda: getattr(1, "__add__")(2))
case("str_class")(lambda: "abc".__class__)
case("int_class_class")(lambda: (1).__class__.__class__)
case("repr_int_add")(lambda: int.__add__)
case("repr_bound_add")(lambda: (1).__add__)
case("repr_str_join")(lambda: str.__dict__["join"])
case("repr_dict_fromkeys_descr")(lambda: dict.__dict__["fromkeys"])
case("repr_dict_fromkeys_bound")(lambda: dict.fromkeys)
case("repr_real_getset")(lambda: int.__dict__["real"])
case("repr_object_class_getset")(lambda: object.__dict__["__class__"])
case("repr_type_dict_getset")(lambda: type.__dict__["__dict__"])
case("repr_object_new")(lambda: object.__new__)
case("str_join_through_dict")(lambda: str.__dict__["join"](", ", ["a", "b"]))
case("int_add_descriptor_call")(lambda: int.__add__(2, 3))
case("int_radd")(lambda: (5).__radd__(1))
case("int_add_wrong_self")(lambda: int.__add__(1.0, 1))
case("int_add_no_args")(lambda: int.__add__())
case("bound_add_no_args")(lambda: (1).__add__())
case("bound_add_keywords")(lambda: (1).__add__(x=1))
case("pow_no_args")(lambda: (2).__pow__())
case("pow_three")(lambda: (2).__pow__(10, 7))
case("list_hash_is_none")(lambda: list.__hash__)
case("list_unhashable")(lambda: hash([]))
case("int_hash_wrapper")(lambda: int.__dict__["__hash__"])
case("hash_through_wrapper")(lambda: (7).__hash__())
case("getitem_wrapper")(lambda: [10, 20].__getitem__(-1))
case("getitem_wrapper_range")(lambda: [].__getitem__(10))
case("setitem_wrapper")(lambda: [].__setitem__(0, 1))
case("contains_wrapper")(lambda: [1, 2].__contains__(2))
case("lt_wrapper")(lambda: (1).__lt__(2))
case("eq_wrapper_notimplemented")(lambda: (1).__eq__("a"))
case("str_wrapper")(lambda: (5).__str__())
case("repr_wrapper")(lambda: "a".__repr__())
case("bool_wrapper")(lambda: (0).__bool__())
case("neg_wrapper")(lambda: (5).__neg__())
case("index_wrapper")(lambda: (5).__index__())
case("float_wrapper")(lambda: (5).__float__())
case("iter_next_wrappers")(lambda: iter([7]).__next__())
case("next_exhausted")(lambda: iter([]).__next__())
case("call_wrapper")(lambda: type.__call__(int, "12"))
case("init_wrapper")(lambda: [1].__init__([2, 3]))
case("new_through_dict")(lambda: int.__new__(int, "42"))
case("new_not_a_type")(lambda: int.__new__(1))
case("new_no_args")(lambda: int.__new__())
case("new_not_subtype")(lambda: int.__new__(str))
case("new_not_safe")(lambda: object.__new__(int))
case("descr_wrong_self")(lambda: str.join(1, []))
case("descr_no_self")(lambda: str.join())
case("descr_too_many")(lambda: str.join("", 1, 2))
case("descr_keywords")(lambda: str.join("", x=1))
case("descr_noargs_extra")(lambda: list.clear([], 1))
def insert_through_descriptor():
    items = [1]
    return (list.insert(items, 0, 5), items)


case("descr_fastcall")(insert_through_descriptor)
case("descr_fastcall_keywords")(lambda: (int.to_bytes(5, 2, "big"), int.to_bytes(5, length=2, byteorder="little")))
case("descr_fastcall_no_keywords")(lambda: list.insert([], 0, x=1))
case("descr_fastcall_keyword_error")(lambda: int.to_bytes(5, 1, "big", x=1))
case("descr_fastcall_no_self")(lambda: int.to_bytes())
case("descr_keywords_not_str")(lambda: (str.join("", **{1: 2})))
case("descr_fastcall_keywords_not_str")(lambda: int.to_bytes(5, **{1: 2}))
case("classmethod_descr_call")(lambda: dict.__dict__["fromkeys"](dict, [1]))
case("classmethod_descr_no_args")(lambda: dict.__dict__["fromkeys"]())
case("classmethod_descr_not_type")(lambda: dict.__dict__["fromkeys"](1))
case("classmethod_descr_not_subtype")(lambda: dict.__dict__["fromkeys"](int, []))
case("getset_not_writable")(lambda: setattr(True, "real", 1))
case("getset_wrong_object")(lambda: int.__dict__["real"].__get__("x", str))
case("wrapper_get_none_none")(lambda: int.__add__.__get__(None, None))
case("wrapper_get_class")(lambda: int.__add__.__get__(None, int))
case("wrapper_qualname")(lambda: (int.__add__.__qualname__, int.__add__.__name__, (1).__add__.__qualname__))
case("wrapper_objclass")(lambda: ((1).__add__.__objclass__, (1).__add__.__self__))
case("wrapper_doc")(lambda: (int.__add__.__doc__, int.__add__.__text_signature__))
case("method_descr_names")(lambda: (str.join.__name__, str.join.__qualname__, str.join.__objclass__))
case("method_wrapper_eq")(lambda: ((1).__add__ == (1).__add__, (1).__add__ == (1).__sub__))
case("setattr_hackcheck")(lambda: object.__setattr__(int, "x", 1))
case("object_dict_keys")(lambda: sorted(object.__dict__))
case("object_new_first_in_dict")(lambda: list(int.__dict__)[0])
case("type_of_type_dict")(lambda: type(int.__dict__))
case("mappingproxy_getitem")(lambda: int.__dict__["__add__"] is int.__add__)
case("mappingproxy_missing")(lambda: int.__dict__["nope"])
case("mappingproxy_contains")(lambda: ("__add__" in int.__dict__, "nope" in int.__dict__))
case("mappingproxy_setitem")(lambda: int.__dict__.__setitem__("x", 1))
case("mappingproxy_get")(lambda: int.__dict__.get("nope", 5))
case("mappingproxy_ior")(lambda: int.__dict__.__ior__({}))
case("mappingproxy_new")(lambda: type(int.__dict__)([]))
case("getstate_empty")(lambda: object().__getstate__())
case("sizeof_object")(lambda: object().__sizeof__())
case("format_empty_spec")(lambda: object.__format__(1, ""))
case("format_bad_spec")(lambda: object.__format__(object(), "x"))
case("format_not_str")(lambda: object.__format__(object(), 1))
case("init_subclass_args")(lambda: object.__init_subclass__(1))
case("subclasshook")(lambda: object.__subclasshook__(1, 2))
case("object_takes_no_arguments")(lambda: object(1))
case("class_of_none")(lambda: type(None).__name__)
case("cannot_create")(lambda: type(iter([]))())


# The special methods in each built-in type's dict (slot wrappers, and the dunder methods of
# its method table), one case per type, in the order of DUNDER_TYPES in types_builtin_test.cpp.
# NOT_THERE_YET lists what minipy lacks; the C++ side lists what minipy has, so a name that
# arrives without this list being updated fails the test.
DUNDER_TYPES = [object, type, int, bool, float, str, bytes, tuple, list, dict, set, frozenset,
                range, slice, type(None), property, classmethod, staticmethod, super,
                type(sys), type((lambda: 0).__get__(1)), BaseException, Exception, KeyError,
                StopIteration]
NOT_THERE_YET = {
    type: {"__or__", "__ror__"},  # union types
    tuple: {"__class_getitem__"},  # types.GenericAlias
    list: {"__class_getitem__"},
    dict: {"__class_getitem__"},
    set: {"__class_getitem__", "__reduce__"},
    frozenset: {"__class_getitem__", "__reduce__"},
    type((lambda: 0).__get__(1)): {"__reduce__"},
}


def dunders(t):
    return sorted(n for n in t.__dict__
                  if n.startswith("__") and n.endswith("__") and n not in NOT_THERE_YET.get(t, ()))


for _t in DUNDER_TYPES:
    case("dunders_" + _t.__name__)(lambda t=_t: dunders(t))


class R(int):
    def __repr__(self):
        return "R!"


case("int_str_is_object_str")(lambda: ("__str__" in int.__dict__, str(R(5)), format(R(5), ""), str(True), str(-7)))



def format_argument_errors():
    return tuple(outcome(lambda m=m: m(1)) for m in ((5).__format__, (1.5).__format__, "a".__format__))


case("format_spec_not_str")(format_argument_errors)

def exception_pickle_helpers():
    e = KeyError("k")
    plain = e.__reduce__()
    e.x = 1
    return (plain, e.__reduce__(), e.__setstate__({"y": 2}), e.y, e.__setstate__(None))


case("exception_reduce_setstate")(exception_pickle_helpers)
case("exception_setstate_not_dict")(lambda: Exception().__setstate__(1))


def exception_notes():
    e = Exception(1, 2)
    e.add_note("x")
    e.add_note("y")
    return (e.__notes__, e.__dict__)


case("exception_add_note")(exception_notes)
case("exception_add_note_not_str")(lambda: Exception().add_note(1))


def notes_not_a_list():
    e = Exception()
    e.__notes__ = ()
    return e.add_note("a")


case("exception_notes_not_a_list")(notes_not_a_list)
case("exception_with_traceback")(lambda: (lambda e: (e.with_traceback(None) is e, e.__traceback__))(Exception()))
case("exception_with_traceback_bad")(lambda: Exception().with_traceback(1))


def suppress_context():
    e = Exception()
    before = e.__suppress_context__
    e.__cause__ = None
    after_cause = e.__suppress_context__
    e.__suppress_context__ = False
    return (before, after_cause, e.__suppress_context__, BaseException.__dict__["__suppress_context__"])


case("exception_suppress_context")(suppress_context)
case("exception_suppress_context_not_bool")(lambda: setattr(Exception(), "__suppress_context__", 1))
# Through bound methods, as the C API's getattr-then-call makes them (a method call in Python
# source would name the descriptor's owner instead: "BaseException.add_note()").
case("exception_method_errors")(lambda: outcome(lambda: Exception.with_traceback()) + " | " + outcome(lambda: getattr(Exception(), "add_note")()) + " | " + outcome(lambda: getattr(Exception(), "__reduce__")(1)))


# --- Attribute errors, lookups on types (types_builtin_test.cpp) -------------------------------

case("object_no_attribute")(lambda: object().x)
case("object_set_attribute")(lambda: setattr(object(), "x", 1))
case("read_only_method")(lambda: setattr([], "append", 1))
case("type_no_attribute")(lambda: int.x)
case("immutable_type_set")(lambda: setattr(int, "x", 1))
case("immutable_type_name")(lambda: setattr(int, "__name__", "y"))
case("attribute_name_not_str")(lambda: getattr(1, 2))
case("type_name_qualname_module")(lambda: (int.__name__, int.__qualname__, int.__module__, type(iter([])).__module__))
case("type_mro_bases")(lambda: (bool.__mro__, bool.__bases__, bool.__base__, object.__base__, object.__bases__))
case("type_mro_method")(lambda: bool.mro())
case("type_doc")(lambda: object.__doc__)
case("type_flags_bits")(lambda: (bool.__flags__ & (1 << 9), int.__flags__ & (1 << 10), bool.__flags__ & (1 << 10)))
case("type_subclasscheck")(lambda: (type.__subclasscheck__(int, bool), type.__instancecheck__(int, True)))
case("type_subclasscheck_bad")(lambda: type.__subclasscheck__(int, 1))
case("type_prepare")(lambda: type.__prepare__("a", (), x=1))
case("type_abstractmethods")(lambda: int.__abstractmethods__)
case("type_annotations_static")(lambda: int.__annotations__)
case("type_call_one")(lambda: type(1.5))
case("type_call_two")(lambda: type("X", ()))
case("type_init_keywords")(lambda: type.__init__(int, 1, x=2))
case("type_init_count")(lambda: type.__init__(int, 1, 2))
case("isinstance_bad_second")(lambda: isinstance(1, 1))
case("issubclass_bad_first")(lambda: issubclass(1, int))
case("issubclass_bad_second")(lambda: issubclass(int, 1))
case("isinstance_tuple")(lambda: (isinstance(1, (str, (bytes, int))), issubclass(bool, (str, int))))


# --- Classes made at run time (types_class_test.cpp) --------------------------------------------

class A:
    pass


class B:
    pass


case("mro_diamond_error")(lambda: type("E", (type("C", (A, B), {}), type("D", (B, A), {})), {}))
case("mro_duplicate_base")(lambda: type("X", (A, A), {}))


class O1:
    pass


class F1(O1):
    pass


class E1(O1):
    pass


class D1(O1):
    pass


class C1(D1, F1):
    pass


class B1(D1, E1):
    pass


class A1(B1, C1):
    pass


case("mro_c3_example")(lambda: [c.__name__ for c in A1.__mro__])
case("class_repr")(lambda: A)
case("class_names")(lambda: (A.__name__, A.__qualname__, A.__module__, A.__doc__))
case("class_dict_keys")(lambda: list(A.__dict__))
case("class_dict_repr_keys")(lambda: sorted(A.__dict__.keys()))
case("instance_repr")(lambda: A())
case("instance_dict")(lambda: A().__dict__)
case("instance_weakref")(lambda: A().__weakref__)
case("instance_sizeof")(lambda: A().__sizeof__())
case("class_sizes")(lambda: (A.__basicsize__, A.__itemsize__, A.__weakrefoffset__))


def set_and_get():
    a = A()
    a.x = 1
    a.y = "two"
    return (a.x, a.y, a.__dict__)


case("instance_attributes")(set_and_get)


def delete_missing():
    a = A()
    del a.x


case("delete_missing_instance_attribute")(delete_missing)


def delete_missing_class_attribute():
    class T:
        pass
    del T.x


case("delete_missing_class_attribute")(delete_missing_class_attribute)
case("type_new_arg_count")(lambda: type.__new__(type, "X"))
case("type_new_bases_not_tuple")(lambda: type.__new__(type, "X", [], {}))
case("type_new_name_not_str")(lambda: type.__new__(type, 1, (), {}))
case("type_new_dict_not_dict")(lambda: type.__new__(type, "X", (), []))
case("type_name_nul")(lambda: type("X\0", (), {}))
case("type_qualname_not_str")(lambda: type("X", (), {"__qualname__": 1}))
case("metaclass_conflict")(lambda: type("X", (1,), {}))
case("layout_conflict")(lambda: type("X", (int, str), {}))
case("not_acceptable_base")(lambda: type("X", (bool,), {}))
case("bases_must_be_types")(lambda: type("X", (A, 1), {}))
case("slots_not_iterable")(lambda: type("X", (), {"__slots__": 1}))
case("slots_not_str")(lambda: type("X", (), {"__slots__": [1]}))
case("slots_not_identifier")(lambda: type("X", (), {"__slots__": ["1a"]}))
case("slots_dict_twice")(lambda: type("X", (), {"__slots__": ("__dict__", "__dict__")}))
case("slots_weakref_twice")(lambda: type("X", (), {"__slots__": ("__weakref__", "__weakref__")}))
case("slots_conflict")(lambda: type("X", (), {"__slots__": ("x",), "x": 1}))
case("slots_int_base")(lambda: type("X", (int,), {"__slots__": ("x",)}))
case("classcell_not_cell")(lambda: type("X", (), {"__classcell__": 1}))
case("slots_mangled")(lambda: list(type("X", (), {"__slots__": ["__x", "y"]}).__dict__))
case("slots_mangled_underscore_class")(lambda: list(type("_X", (), {"__slots__": ["__x"]}).__dict__))
case("slots_sorted_members")(lambda: list(type("X", (), {"__slots__": ["b", "a"]}).__dict__))
case("slots_with_dict")(lambda: list(type("X", (), {"__slots__": ["__dict__"]}).__dict__))
case("slots_empty")(lambda: list(type("X", (), {"__slots__": ()}).__dict__))
case("slots_empty_no_dict")(lambda: type("X", (), {"__slots__": ()})().__dict__)
case("slots_empty_no_attribute")(lambda: setattr(type("X", (), {"__slots__": ()})(), "a", 1))
case("slots_sizes")(lambda: (type("S", (), {"__slots__": ("a", "b")}).__basicsize__, type("S", (), {"__slots__": ("a", "b")})().__sizeof__()))


class S:
    __slots__ = ("a", "b")


case("slot_unset")(lambda: S().a)
case("slot_member_repr")(lambda: S.a)


def slot_set_get_del():
    s = S()
    s.a = 5
    first = s.a
    del s.a
    return (first, hasattr(s, "a"))


case("slot_set_get_del")(slot_set_get_del)
case("slot_delete_unset")(lambda: delattr(S(), "a"))
case("slot_no_other_attribute")(lambda: setattr(S(), "c", 1))
case("slot_getstate")(slot_set_get_del and (lambda: (lambda s: (setattr(s, "b", 2), s.__getstate__())[1])(S())))


def instance_getstate():
    a = A()
    a.x = 1
    return a.__getstate__()


case("instance_getstate")(instance_getstate)
case("instance_getstate_empty")(lambda: A().__getstate__())
case("class_set_name")(lambda: (setattr(type("T", (), {}), "__name__", 1)))
case("class_set_qualname")(lambda: (setattr(type("T", (), {}), "__qualname__", 1)))
case("class_delete_module")(lambda: delattr(type("T", (), {}), "__module__"))


def rename_class():
    T = type("T", (), {})
    T.__name__ = "U"
    T.__qualname__ = "V.U"
    return (T.__name__, T.__qualname__, T)


case("class_rename")(rename_class)


def class_attribute_shadowing():
    T = type("T", (), {"x": 1})
    t = T()
    before = t.x
    t.x = 2
    return (before, t.x, T.x)


case("class_attribute_shadowing")(class_attribute_shadowing)


def class_subclasses():
    T = type("T", (), {})
    U = type("U", (T,), {})
    V = type("V", (T,), {})
    return [c.__name__ for c in T.__subclasses__()] + [len(U.__subclasses__())] + [V.__base__.__name__]


case("class_subclasses")(class_subclasses)


def class_assign_class_ok():
    T = type("T", (), {})
    U = type("U", (), {})
    t = T()
    t.__class__ = U
    return type(t).__name__


case("class_assign_class")(class_assign_class_ok)
case("class_assign_not_type")(lambda: setattr(A(), "__class__", 1))
case("class_assign_immutable")(lambda: setattr(A(), "__class__", int))
case("class_assign_layout")(lambda: setattr(A(), "__class__", S))
case("class_assign_int")(lambda: setattr(1, "__class__", bool))
case("class_delete_class")(lambda: delattr(A(), "__class__"))
case("object_init_extra_args")(lambda: A(1))
case("object_new_extra_args")(lambda: object.__new__(A, 1))
case("object_init_direct_extra")(lambda: object.__init__(A(), 1))



# --- Special methods of classes: the slot dispatchers (types_dispatch_test.cpp) -----------------
# Methods return tuples of strings and ints so that both sides print the same text.

def tname(o):
    return type(o).__name__


class Num:
    def __add__(self, other):
        return ("Num.add", tname(other))

    def __radd__(self, other):
        return ("Num.radd", tname(other))


class SubNum(Num):
    def __radd__(self, other):
        return ("SubNum.radd", tname(other))


class PlainSub(Num):
    pass


case("add_left")(lambda: Num() + 1)
case("add_right")(lambda: 1 + Num())
case("add_same_type")(lambda: Num() + Num())
case("add_subclass_reflected_first")(lambda: Num() + SubNum())
case("add_subclass_not_overriding")(lambda: Num() + PlainSub())
case("add_subclass_left")(lambda: SubNum() + Num())
case("add_through_wrapper")(lambda: Num.__add__(Num(), 2))


class Refuses:
    def __add__(self, other):
        return NotImplemented

    def __radd__(self, other):
        return NotImplemented


case("add_not_implemented")(lambda: Refuses() + Refuses())
case("add_missing")(lambda: A() + 1)
case("add_missing_right")(lambda: 1 + A())


class InPlace:
    def __iadd__(self, other):
        return ("InPlace.iadd", tname(other))


def iadd(x, y):
    x += y
    return x


case("iadd_used")(lambda: iadd(InPlace(), 1))
case("iadd_falls_back_to_add")(lambda: iadd(Num(), 1))
case("iadd_missing")(lambda: iadd(A(), 1))


class Unary:
    def __neg__(self):
        return "neg"

    def __pos__(self):
        return "pos"

    def __abs__(self):
        return "abs"

    def __invert__(self):
        return "invert"

    def __pow__(self, other, mod=None):
        return ("pow", tname(other), tname(mod))

    def __rpow__(self, other, mod=None):
        return ("rpow", tname(other), tname(mod))

    def __divmod__(self, other):
        return ("divmod", tname(other))

    def __matmul__(self, other):
        return ("matmul", tname(other))


case("unary_slots")(lambda: (-Unary(), +Unary(), abs(Unary()), ~Unary()))
case("pow_two")(lambda: Unary() ** 2)
case("pow_three_args")(lambda: pow(Unary(), 2, 3))
case("rpow")(lambda: 2 ** Unary())
case("divmod_slot")(lambda: divmod(Unary(), 1))
case("matmul_slot")(lambda: Unary() @ 1)
case("neg_missing")(lambda: -A())


class Eq:
    def __eq__(self, other):
        return ("Eq.eq", tname(other))


class Lt:
    def __lt__(self, other):
        return ("Lt.lt", tname(other))


case("eq_left")(lambda: Eq() == 1)
case("eq_right")(lambda: 1 == Eq())
case("ne_from_eq")(lambda: Eq() != 1)
case("lt_left")(lambda: Lt() < 1)
case("gt_reflected")(lambda: 1 > Lt())
case("le_unsupported")(lambda: Lt() <= Lt())
case("eq_identity_fallback")(lambda: (lambda r: (r == r, r == Refuses()))(Refuses()))
case("eq_makes_unhashable")(lambda: hash(Eq()))
case("eq_sets_hash_none")(lambda: Eq.__dict__["__hash__"])


class Hash:
    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return self.value


case("hash_small")(lambda: hash(Hash(12345)))
case("hash_minus_one")(lambda: hash(Hash(-1)))
case("hash_big")(lambda: hash(Hash(2 ** 70)))
case("hash_not_int")(lambda: hash(Hash("x")))


class HashNone:
    __hash__ = None


case("hash_none")(lambda: hash(HashNone()))


class Text:
    def __repr__(self):
        return "Text.repr"


class StrOnly:
    def __str__(self):
        return "StrOnly.str"


class BadRepr:
    def __repr__(self):
        return 42


case("repr_slot")(lambda: (repr(Text()), str(Text())))
case("str_slot")(lambda: str(StrOnly()))
case("repr_default_with_str")(lambda: repr(StrOnly()))
case("repr_not_str")(lambda: repr(BadRepr()))


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


case("len_slot")(lambda: (len(Sized(3)), bool(Sized(0)), bool(Sized(2))))
case("len_negative")(lambda: len(Sized(-1)))
case("len_not_int")(lambda: len(Sized("a")))
case("len_too_big")(lambda: len(Sized(2 ** 70)))


class Truth:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        return self.value


case("bool_slot")(lambda: (bool(Truth(True)), bool(Truth(False))))
case("bool_not_bool")(lambda: bool(Truth(1)))
case("bool_default")(lambda: bool(A()))


class Box:
    def __getitem__(self, key):
        return ("get", key)

    def __setitem__(self, key, value):
        self.last = ("set", key, value)

    def __delitem__(self, key):
        self.last = ("del", key)


def box_ops():
    b = Box()
    out = [b[1], b["k"]]
    b[2] = 3
    out.append(b.last)
    del b[4]
    out.append(b.last)
    return out


case("item_slots")(box_ops)
case("item_missing_get")(lambda: A()[1])


def item_missing_set():
    a = A()
    a[1] = 2


def item_missing_del():
    a = A()
    del a[1]


case("item_missing_set_error")(item_missing_set)
case("item_missing_del_error")(item_missing_del)


class Has:
    def __contains__(self, item):
        return item == 2


class Iterable:
    def __iter__(self):
        return iter([1, 2, 3])


class OldSequence:
    def __getitem__(self, index):
        if index >= 3:
            raise IndexError(index)
        return index * 10


class NoContains:
    __contains__ = None

    def __iter__(self):
        return iter([1])


class NoIter:
    __iter__ = None


case("contains_slot")(lambda: (2 in Has(), 3 in Has()))
case("contains_by_iteration")(lambda: (2 in Iterable(), 5 in Iterable()))
case("contains_by_old_sequence")(lambda: (20 in OldSequence(), 5 in OldSequence()))
case("contains_none")(lambda: 1 in NoContains())
case("iter_slot")(lambda: list(Iterable()))
case("iter_old_sequence")(lambda: list(OldSequence()))
case("iter_none")(lambda: iter(NoIter()))
case("iter_missing")(lambda: iter(A()))


class Countdown:
    def __init__(self):
        self.n = 3

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


class NotIterator:
    def __iter__(self):
        return 5


case("next_slot")(lambda: list(Countdown()))
case("iter_returns_non_iterator")(lambda: iter(NotIterator()))


class Callable:
    def __call__(self, *args, **kwargs):
        return ("called", args, sorted(kwargs.items()))


case("call_slot")(lambda: Callable()(1, 2, k=3))
case("call_missing")(lambda: A()(1))


class Fallback:
    x = "class"

    def __getattr__(self, name):
        return ("getattr", name)


class Intercept:
    def __getattribute__(self, name):
        return ("getattribute", name)


class Guarded:
    def __setattr__(self, name, value):
        object.__setattr__(self, "last", ("set", name, value))

    def __delattr__(self, name):
        object.__setattr__(self, "last", ("del", name))


def guarded():
    g = Guarded()
    g.a = 1
    first = g.last
    del g.b
    return (first, g.last, "a" in g.__dict__)


case("getattr_hook")(lambda: (Fallback().x, Fallback().missing))
case("getattribute_hook")(lambda: (Intercept().x, Intercept().__dict__))
case("setattr_delattr_hooks")(guarded)


class Desc:
    def __get__(self, obj, owner=None):
        return ("get", obj is None, owner.__name__)


class DataDesc:
    def __get__(self, obj, owner=None):
        return ("data get", obj is None)

    def __set__(self, obj, value):
        obj.__dict__["stored"] = value

    def __delete__(self, obj):
        obj.__dict__["deleted"] = True


class UsesDesc:
    d = Desc()
    dd = DataDesc()


def data_descriptor_wins():
    u = UsesDesc()
    u.__dict__["dd"] = "instance"
    u.__dict__["d"] = "instance"
    u.dd = 5
    del u.dd
    return (u.dd, u.d, u.__dict__["stored"], u.__dict__["deleted"])


case("descriptor_get")(lambda: (UsesDesc.d, UsesDesc().d))
case("data_descriptor_wins")(data_descriptor_wins)


class Index:
    def __index__(self):
        return 1


class BadIndex:
    def __index__(self):
        return "one"


class Conversions:
    def __int__(self):
        return 7

    def __float__(self):
        return 2.5


case("index_slot")(lambda: ([10, 20, 30][Index()], range(5)[Index()]))
case("index_not_int")(lambda: [1][BadIndex()])
case("int_float_slots")(lambda: (int(Conversions()), float(Conversions())))


class InitReturns:
    def __init__(self):
        return 1


class NewOther:
    def __new__(cls, *args):
        return ("made", len(args))


class NewKeeps:
    def __new__(cls, *args):
        return object.__new__(cls)

    def __init__(self, *args):
        self.args = args


case("init_returns_value")(lambda: InitReturns())
case("new_returns_other")(lambda: NewOther(1, 2))
case("new_and_init")(lambda: NewKeeps(1, 2).args)
case("new_is_staticmethod")(lambda: type(NewKeeps.__dict__["__new__"]).__name__)


class Formatted:
    def __format__(self, spec):
        return "fmt:" + spec


class BadFormat:
    def __format__(self, spec):
        return 1


case("format_slot")(lambda: (format(Formatted(), "x"), format(Formatted())))
case("format_not_str_result")(lambda: format(BadFormat(), ""))
case("format_default")(lambda: format(A(), "x"))


class Context:
    def __enter__(self):
        return "entered"

    def __exit__(self, *exc):
        return False


def with_statement():
    c = Context()
    c.__enter__ = lambda: "instance"
    with c as value:
        return value


case("special_lookup_skips_instance")(with_statement)


class Hinted:
    def __length_hint__(self):
        return 5

    def __format__(self, spec):
        return "class format"


def special_methods_ignore_the_instance():
    import operator
    h = Hinted()
    h.__length_hint__ = lambda: 9
    h.__format__ = lambda spec: "instance format"
    return (operator.length_hint(h), format(h, ""))


case("special_methods_ignore_the_instance")(special_methods_ignore_the_instance)


def assign_slot_later():
    T = type("T", (), {})
    U = type("U", (T,), {})
    out = []
    try:
        T() + 1
    except TypeError as e:
        out.append(str(e))
    T.__add__ = lambda self, other: "added"
    out.append(T() + 1)
    out.append(U() + 1)
    del T.__add__
    try:
        U() + 1
    except TypeError as e:
        out.append(str(e))
    T.__len__ = lambda self: 4
    out.append(len(U()))
    T.__hash__ = None
    try:
        hash(U())
    except TypeError as e:
        out.append(str(e))
    return out


case("assigning_a_special_method_updates_the_slot")(assign_slot_later)



# --- Subclasses of built-in types (types_builtin_subclass_test.cpp) ----------------------------

class MyList(list):
    pass


class MyInt(int):
    pass


class MyStr(str):
    pass


class MyBytes(bytes):
    pass


class MyDict(dict):
    pass


class MyTuple(tuple):
    pass


class MyFloat(float):
    pass


class MyError(Exception):
    pass


def my_list():
    m = MyList([1, 2])
    m.append(3)
    m.extra = "x"
    return (m, len(m), m == [1, 2, 3], type(m + [4]).__name__, m.extra, isinstance(m, list))


case("list_subclass")(my_list)
case("list_subclass_unhashable")(lambda: hash(MyList()))
case("list_subclass_repr_str")(lambda: (repr(MyList([1])), str(MyList([1]))))
case("int_subclass")(lambda: (MyInt(5), MyInt(5) + 1, type(MyInt(5) + 1).__name__, hash(MyInt(5)), MyInt("12", 8)))
case("int_subclass_attributes")(lambda: (lambda i: (setattr(i, "tag", 1), i.tag, i.__dict__)[1:])(MyInt(3)))
case("str_subclass")(lambda: (MyStr("abc"), MyStr("abc") == "abc", hash(MyStr("abc")) == hash("abc"), MyStr("a").upper(), type(MyStr("a").upper()).__name__, len(MyStr("héllo"))))
case("str_subclass_attributes")(lambda: (lambda s: (setattr(s, "tag", 1), s.tag, s + "!")[1:])(MyStr("x\u20ac")))
case("bytes_subclass")(lambda: (MyBytes(b"ab"), MyBytes(3), len(MyBytes(b"ab")), MyBytes(b"ab") == b"ab"))
case("dict_subclass")(lambda: (lambda d: (d.__setitem__("b", 2), d, len(d), d["a"], type(d).__name__))(MyDict(a=1)))
case("tuple_subclass")(lambda: (MyTuple([1, 2]), MyTuple([1, 2]) == (1, 2), hash(MyTuple([1, 2])) == hash((1, 2)), MyTuple()))
case("float_subclass")(lambda: (MyFloat(1.5), MyFloat(1.5) * 2, MyFloat("2.5")))
case("exception_subclass")(lambda: (MyError("boom"), str(MyError("boom")), MyError("a", 1).args, isinstance(MyError(), Exception)))
case("exception_subclass_attributes")(lambda: (lambda e: (setattr(e, "code", 3), e.code, e.__dict__)[1:])(MyError()))
case("subclass_mro")(lambda: (MyList.__mro__, MyError.__mro__))


# --- property, classmethod, staticmethod, bound methods, super (types_descr_test.cpp) -----------

class Prop:
    def __init__(self):
        self._x = 1

    def get_x(self):
        return ("got", self._x)

    def set_x(self, value):
        self._x = value

    def del_x(self):
        self._x = "deleted"

    x = property(get_x, set_x, del_x, "the x")
    readonly = property(get_x)
    nothing = property()


def property_use():
    p = Prop()
    first = p.x
    p.x = 5
    second = p.x
    del p.x
    return (first, second, p.x, Prop.x.__doc__, Prop.readonly.__doc__, type(Prop.x).__name__)


case("property_get_set_delete")(property_use)
case("property_no_setter")(lambda: setattr(Prop(), "readonly", 1))
case("property_no_deleter")(lambda: delattr(Prop(), "readonly"))
case("property_no_getter")(lambda: Prop().nothing)
case("property_on_class")(lambda: Prop.x is Prop.__dict__["x"])
case("property_accessors")(lambda: (Prop.x.fget is Prop.get_x, Prop.readonly.fset, Prop.x.__isabstractmethod__))
case("property_copy_setter")(lambda: (lambda q: (q.fget is Prop.get_x, q.fset is Prop.del_x, q.__doc__))(Prop.x.setter(Prop.del_x)))
case("property_unnamed_errors")(lambda: property().__get__(1))
case("property_bad_keyword")(lambda: property(x=1))


class Methods:
    def f(self, *args):
        return ("f", tname(self), args)

    @classmethod
    def c(cls, *args):
        return ("c", cls.__name__, args)

    @staticmethod
    def s(*args):
        return ("s", args)


class SubMethods(Methods):
    pass


def bound_method():
    m = Methods()
    b = m.f
    return (b(1), b.__self__ is m, b.__func__ is Methods.f, b.__name__, b.__qualname__, b == m.f, b == Methods().f, hash(b) == hash(m.f))


case("bound_method")(bound_method)
case("bound_method_repr")(lambda: repr(Methods().f))
case("bound_method_type")(lambda: type(Methods().f).__name__)
case("bound_method_missing_attribute")(lambda: Methods().f.missing)
case("bound_method_set_attribute")(lambda: setattr(Methods().f, "x", 1))
case("function_through_class")(lambda: Methods.f(5))
case("classmethod_calls")(lambda: (Methods.c(1), Methods().c(2), SubMethods.c(), SubMethods().c()))
case("classmethod_object")(lambda: (lambda cm: (type(cm).__name__, cm.__func__ is cm.__wrapped__, cm.__name__, cm.__qualname__, cm.__isabstractmethod__))(Methods.__dict__["c"]))
case("classmethod_bind_builtin")(lambda: classmethod(len).__get__(1))
case("classmethod_args")(lambda: classmethod())
case("classmethod_keywords")(lambda: classmethod(f=1))
case("staticmethod_calls")(lambda: (Methods.s(1), Methods().s(2), Methods.__dict__["s"](3)))
case("staticmethod_object")(lambda: (lambda sm: (type(sm).__name__, sm.__func__ is sm.__wrapped__, sm.__name__))(Methods.__dict__["s"]))


class Base:
    def who(self):
        return "Base.who"

    @classmethod
    def cwho(cls):
        return ("Base.cwho", cls.__name__)

    @property
    def p(self):
        return "Base.p"


class Derived(Base):
    def who(self):
        return "Derived.who"


class MoreDerived(Derived):
    pass


case("super_method")(lambda: super(Derived, Derived()).who())
case("super_skips_own_class")(lambda: super(Derived, MoreDerived()).who())
case("super_classmethod")(lambda: super(Derived, Derived).cwho())
case("super_property")(lambda: super(Derived, Derived()).p)
case("super_missing")(lambda: super(Derived, Derived()).nope)
case("super_class_attribute")(lambda: super(Derived, Derived()).__class__)
case("super_members")(lambda: (lambda d: (lambda s: (s.__thisclass__, s.__self__ is d, s.__self_class__))(super(Derived, d)))(Derived()))
case("super_repr")(lambda: (repr(super(Derived, Derived())), repr(super(Derived))))
case("super_unbound_then_bound")(lambda: super(Derived).__get__(Derived()).who())
case("super_bad_type")(lambda: super(1))
case("super_bad_obj")(lambda: super(Derived, 1))
case("super_too_many")(lambda: super(Derived, 1, 2))
case("super_keywords")(lambda: super(Derived, x=1))
case("super_set_attribute")(lambda: setattr(super(Derived, Derived()), "x", 1))
case("super_builtin_method")(lambda: super(bool, True).__add__(1))


# --- Class creation hooks and metaclasses (types_descr_test.cpp) -------------------------------

class Registry:
    def __init_subclass__(cls, **kwargs):
        cls.registered = sorted(kwargs.items())


class Named:
    def __set_name__(self, owner, name):
        self.where = (owner.__name__, name)


class BadNamed:
    def __set_name__(self, owner, name):
        raise ValueError("no")


case("init_subclass_keywords")(lambda: type("Child", (Registry,), {}, flag=1, other="x").registered)
case("init_subclass_is_classmethod")(lambda: type(Registry.__dict__["__init_subclass__"]).__name__)
case("init_subclass_default_keywords")(lambda: type("Child", (), {}, flag=1))
case("set_name_called")(lambda: type("Owner", (), {"attr": Named()}).__dict__["attr"].where)
case("set_name_error_wrapped")(lambda: type("Owner", (), {"attr": BadNamed()}))


def set_name_error_cause():
    try:
        type("Owner", (), {"attr": BadNamed()})
    except RuntimeError as e:
        return repr(e.__cause__)


case("set_name_error_cause")(set_name_error_cause)


class Meta(type):
    def __instancecheck__(cls, instance):
        return instance == "magic"

    def __subclasscheck__(cls, subclass):
        return subclass is int


class WithMeta(metaclass=Meta):
    pass


class Derived2(WithMeta):
    pass


case("metaclass_of_class")(lambda: (type(WithMeta), type(Derived2), Meta.__mro__))
case("metaclass_instancecheck")(lambda: (isinstance("magic", WithMeta), isinstance(1, WithMeta), isinstance(WithMeta(), WithMeta)))
case("metaclass_subclasscheck")(lambda: (issubclass(int, WithMeta), issubclass(Derived2, WithMeta)))
case("metaclass_calculated")(lambda: type(type("X", (WithMeta,), {})).__name__)
case("metaclass_conflict_classes")(lambda: type("X", (WithMeta, type("M2", (type,), {})("Y", (), {})), {}))


class ReverseMRO(type):
    def mro(cls):
        return [cls, object]


case("custom_mro")(lambda: ReverseMRO("X", (A,), {}).__mro__)


class AbstractMeta(type):
    pass


def abstract_instantiation():
    T = type("T", (), {})
    T.__abstractmethods__ = frozenset({"g", "f"})
    return T()


case("abstract_instantiation")(abstract_instantiation)


# --- Modules (types_module_test.cpp) -------------------------------------------------------------

import types as _types  # noqa: E402


def fresh_module(name="demo"):
    return _types.ModuleType(name)


case("module_repr")(lambda: repr(fresh_module()))
case("module_repr_file")(lambda: (lambda m: (setattr(m, "__file__", "/x/demo.py"), repr(m))[1])(fresh_module()))
case("module_dict")(lambda: sorted(fresh_module().__dict__))
case("module_missing_attribute")(lambda: fresh_module().nope)
case("module_attribute")(lambda: (lambda m: (setattr(m, "x", 1), m.x, m.__dict__["x"])[1:])(fresh_module()))
case("module_getattr_hook")(lambda: (lambda m: (setattr(m, "__getattr__", lambda name: ("lazy", name)), m.anything)[1])(fresh_module()))
case("module_dir")(lambda: sorted(dir(fresh_module())))
case("module_name_doc")(lambda: (fresh_module().__name__, fresh_module().__doc__))
case("module_type_name")(lambda: (type(fresh_module()).__name__, type(fresh_module()).__module__))



# --- Finalizers, hooks, the pickle helpers (types_lifecycle_test.cpp) ---------------------------

import gc  # noqa: E402


def del_on_last_reference():
    log = []

    class D:
        def __del__(self):
            log.append("del")
    d = D()
    del d
    return log


def del_in_cycle():
    log = []

    class D:
        def __del__(self):
            log.append(("del", type(self.me).__name__))
    gc.disable()
    d = D()
    d.me = d
    del d
    before = list(log)
    gc.collect()
    gc.enable()
    return (before, log)


def del_resurrects():
    log = []
    saved = []

    class R:
        def __del__(self):
            log.append("del")
            saved.append(self)
    r = R()
    del r
    first = (list(log), len(saved))
    saved.clear()
    return (first, log)


def del_resurrects_in_cycle():
    log = []
    saved = []

    class R:
        def __del__(self):
            log.append("del")
            saved.append(self)
    gc.disable()
    r = R()
    r.me = r
    del r
    gc.collect()
    alive = (len(saved), saved[0].me is saved[0])
    saved[0].me = None
    saved.clear()
    gc.collect()
    gc.enable()
    return (alive, log)


case("del_on_last_reference")(del_on_last_reference)
case("del_in_cycle")(del_in_cycle)
case("del_resurrects")(del_resurrects)
case("del_resurrects_in_cycle")(del_resurrects_in_cycle)


def classcell():
    class K:
        def f(self):
            return __class__
    return (K().f() is K, "__classcell__" in K.__dict__)


case("classcell_filled")(classcell)
case("super_no_arguments")(lambda: super())
case("reduce_ex_protocol_2")(lambda: object().__reduce_ex__(2)[1:])
case("reduce_ex_instance")(lambda: (lambda a: (setattr(a, "x", 1), a.__reduce_ex__(2)[1:])[1])(A()))
case("reduce_ex_slots")(lambda: (lambda s: (setattr(s, "a", 1), s.__reduce_ex__(2)[1:])[1])(S()))
case("reduce_ex_list")(lambda: (lambda r: (r[1], r[2], list(r[3]), r[4]))(MyList([1, 2]).__reduce_ex__(2)))
case("slotnames_cached")(lambda: (lambda s: (s.__getstate__(), S.__dict__["__slotnames__"]))(S()))



# --- What the fault sweep's blocks compute when nothing is refused (types_fault_test.cpp) ------

def fault_classes_and_instances():
    class Base:
        __slots__ = ()

        def __add__(self, other):
            return "added"

        def __repr__(self):
            return "Base()"

        def who(self):
            return "Base.who"
        p = property(lambda self: "p")

    class Derived(Base):
        __slots__ = ("a", "__dict__")

    d = Derived()
    d.a = 1
    d.b = [1, 2]
    names = dir(d)
    Meta = type("Meta", (type,), {})
    WithMeta = Meta("WithMeta", (), {"x": 1})

    class MyList(list):
        pass

    class MyStr(str):
        pass
    items = MyList([1, 2, 3])
    items.append(items)
    return (d.a, d.b, d.p, d + 1, repr(d), super(Derived, d).who(), "a" in names, "b" in names,
            "who" in names, WithMeta.x, type(WithMeta).__name__, items, MyStr("text"))


def fault_modules_and_specs():
    import types
    m = types.ModuleType("faulty", "a module")
    m.answer = 42
    m.name = "faulty"
    m.me = lambda: m
    Pair = type("Pair", (), {"__module__": "faulty", "__slots__": ("first", "number")})
    p = Pair()
    p.first = []
    p.number = 7
    Sub = type("Sub", (Pair,), {})
    sub = Sub()
    sub.extra = 1
    return (m.answer, m.name, m.me() is m, repr(m), m.__doc__, Pair, p.first, p.number, Sub,
            sub.extra)


case("fault_classes_and_instances")(fault_classes_and_instances)
case("fault_modules_and_specs")(fault_modules_and_specs)


if __name__ == "__main__":
    for name, f in CASES:
        text = re.sub(r"0x[0-9a-f]+", "0x?", outcome(f))
        sys.stdout.write(name + "\t" + text.replace("\\", "\\\\").replace("\n", "\\n") + "\n")
