# The string module: its constants, capwords, Template (substitute, safe_substitute,
# get_identifiers, is_valid, a changed delimiter, the invalid-placeholder message with its
# line and column) and Formatter (parse over a generated set of format strings, format,
# vformat, overridden steps), compared with CPython's output; ends with an uncaught AttributeError.
import string

for name in ["whitespace", "ascii_lowercase", "ascii_uppercase", "ascii_letters", "digits",
             "hexdigits", "octdigits", "punctuation", "printable"]:
    value = getattr(string, name)
    print(name, repr(value), len(value))
print(sorted(string.__all__))

for s, sep in [("hello world", None), ("  many   spaces\there\n", None), ("a-b-c", "-"),
               ("aBC dEF", None), ("", None), ("x,,y", ","), ("ünïcode wörds", None),
               ("it's o'clock", None), ("one two", " ")]:
    print(repr(string.capwords(s, sep)), repr(string.capwords(s)))


def attempt(f, *args, **kwargs):
    try:
        return repr(f(*args, **kwargs))
    except (KeyError, ValueError, TypeError, IndexError, AttributeError) as e:
        return type(e).__name__ + ": " + str(e)


values = {"who": "tim", "what": "kung pao", "n": 3, "_x1": [1, 2]}
templates = ["$who likes $what", "${who}likes${what}", "$$who costs $$$n", "$who$what$n",
             "$_x1 and $n.", "$ who", "${who", "${ who}", "${1}", "$1abc", "tail $", "$$",
             "line1\nline2 $who\n  $! bad", "$unknown here", "${unknown} and $who",
             "no placeholders", "", "$who $who ${who}", "$whoxyz", "${who}xyz", "price: $5"]
for text in templates:
    t = string.Template(text)
    print(repr(text), attempt(t.substitute, values), attempt(t.safe_substitute, values),
          attempt(t.substitute, values, who="KW"), attempt(t.substitute, who="only"),
          attempt(t.get_identifiers), attempt(t.is_valid))


class Percent(string.Template):
    delimiter = "%"


class Long(string.Template):
    delimiter = "<<"


for cls, text in [(Percent, "%who is %% %{what}"), (Percent, "50% off"),
                  (Long, "<<who and <<<<who and <<{what}"), (Long, "<< x")]:
    t = cls(text)
    print(cls.__name__, attempt(t.substitute, values), attempt(t.safe_substitute, values),
          attempt(t.get_identifiers))
print(string.Template("$x").template, string.Template.delimiter)

fmt = string.Formatter()
pieces = ["", "a", "{{", "}}", "{}", "{0}", "{1}", "{x}", "{0!r}", "{x!s:>5}", "{:{}}",
          "{0.real}", "{0[1]}", "{x[a].b}", "{", "}", "{0!}", "{0!rx}", "{!a}", "{0:}",
          "{0[}", "{0.}", "{a{b}"]
for first in pieces:
    for second in pieces:
        text = first + second
        print(repr(text), attempt(lambda: list(fmt.parse(text))))

args = (3.5, [10, 20, 30], "str")
kwargs = {"x": "ex", "w": 8, "obj": 7}
for text in ["{} {} {}", "{0} {2} {1}", "{x!r:>{w}}", "{1[2]} {0.real}", "{0:.{1[0]}}",
             "{} {1}", "{0} {}", "{5}", "{y}", "{0!z}", "{:{:{}}}", "{obj.numerator}",
             "{x[0]}", "{{}} {}", "{0[a]}", "{:^{w}}"]:
    print(repr(text), attempt(fmt.format, text, *args, **kwargs),
          attempt(fmt.vformat, text, args, kwargs), attempt(text.format, *args, **kwargs))


class Loud(string.Formatter):
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return "<" + key + ">"
        return super().get_value(key, args, kwargs)

    def format_field(self, value, format_spec):
        return str(super().format_field(value, format_spec)).upper()

    def check_unused_args(self, used_args, args, kwargs):
        print("used", sorted(str(a) for a in used_args))

    def convert_field(self, value, conversion):
        if conversion == "u":
            return str(value).upper()
        return super().convert_field(value, conversion)


loud = Loud()
print(loud.format("{a} {b} {0} {1!u} {2!r}", "zero", "one", "two", b="bee"))
print(attempt(fmt.format), attempt(fmt.format, format_string="{}"))
print(attempt(string.Template("$missing").substitute, {}))

# Field names as _string.formatter_field_name_split reads them: decimal digits of any script
# are an index, a number too large for an index is an error, and an error in the rest of a
# name comes only when the lookup reaches it.
formatter = string.Formatter()
print(formatter.format("{²}", **{"²": "superscript two is a name"}))
print(formatter.format("{٣}", "a", "b", "c", "d"))
for spec, args in [("{99999999999999999999}", ()), ("{0.}", ()), ("{0[a]b}", ({},)),
                   ("{0[a]b}", ({"a": 1},)), ("{0[}", ([],)), ("{0[]}", ([],))]:
    try:
        print(formatter.format(spec, *args))
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)

string.no_such_name
