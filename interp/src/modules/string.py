"""A collection of string constants.

minipy's string module (frozen into the binary from interp/src/modules/string.py): CPython
3.11's constants, capwords, Template and Formatter, in minipy's own code. minipy has no re
module, so Template finds its placeholders with a scanner of its own that follows the
default pattern ($$, $identifier, ${identifier}, with ASCII identifiers and a delimiter a
subclass may change); a subclass that sets `idpattern`, `braceidpattern`, `flags` or
`pattern` to change the regular expression gets NotImplementedError. Formatter parses format
strings itself (CPython uses the _string module) with the same results and errors."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

import sys as _sys

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string

    Split the argument into words using split, capitalize each
    word using capitalize, and join the capitalized words using
    join.  If the optional second argument sep is absent or None,
    runs of whitespace characters are replaced by a single space
    and leading and trailing whitespace are removed, otherwise
    sep is used to split and join the words.

    """
    words = [word.capitalize() for word in s.split(sep)]
    return (sep or ' ').join(words)


####################################################################
# Template: $-substitutions

_ID_START = '_' + ascii_letters
_ID_CHARS = _ID_START + digits
_sentinel_dict = {}


class _Placeholder:
    # One match of the placeholder pattern: the text it covers [start, end) and which kind
    # it is: 'escaped' (the delimiter twice), 'named' ($id), 'braced' (${id}) or 'invalid'
    # (a delimiter followed by anything else; `at` is then the index after the delimiter).
    def __init__(self, kind, start, end, name, at):
        self.kind = kind
        self.start = start
        self.end = end
        self.name = name
        self.at = at


def _identifier_end(text, i):
    # The end of the ASCII identifier starting at text[i], or i when there is none.
    if i >= len(text) or text[i] not in _ID_START:
        return i
    j = i + 1
    while j < len(text) and text[j] in _ID_CHARS:
        j += 1
    return j


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    # The regular expressions CPython's Template is built from, kept for reference: minipy
    # matches them by hand and refuses subclasses that change them.
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _placeholders(self):
        # Every placeholder of the template, left to right, as the default pattern finds them.
        cls = type(self)
        if (cls.idpattern != Template.idpattern or cls.braceidpattern is not None
                or 'pattern' in cls.__dict__ or 'flags' in cls.__dict__):
            raise NotImplementedError(
                "minipy's string.Template has no re module: only the delimiter can be changed")
        text = self.template
        delimiter = self.delimiter
        size = len(delimiter)
        found = []
        i = text.find(delimiter)
        while i >= 0:
            after = i + size
            if text.startswith(delimiter, after):
                found.append(_Placeholder('escaped', i, after + size, None, after))
            else:
                end = _identifier_end(text, after)
                if end > after:
                    found.append(_Placeholder('named', i, end, text[after:end], after))
                else:
                    end = _identifier_end(text, after + 1)
                    if (text.startswith('{', after) and end > after + 1
                            and text.startswith('}', end)):
                        found.append(_Placeholder('braced', i, end + 1, text[after + 1:end],
                                                  after))
                    else:
                        found.append(_Placeholder('invalid', i, after, None, after))
            i = text.find(delimiter, found[-1].end)
        return found

    def _invalid(self, placeholder):
        i = placeholder.at
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def _substitute(self, mapping, kws, safe):
        if mapping is _sentinel_dict:
            mapping = kws
            kws = None
        text = self.template
        pieces = []
        done = 0
        for placeholder in self._placeholders():
            pieces.append(text[done:placeholder.start])
            done = placeholder.end
            kind = placeholder.kind
            if kind == 'escaped':
                pieces.append(self.delimiter)
            elif kind == 'invalid':
                if not safe:
                    self._invalid(placeholder)
                pieces.append(text[placeholder.start:placeholder.end])
            else:
                # Keyword arguments come before the mapping, as ChainMap(kws, mapping).
                name = placeholder.name
                try:
                    if kws and name in kws:
                        value = kws[name]
                    else:
                        value = mapping[name]
                except KeyError:
                    if not safe:
                        raise
                    pieces.append(text[placeholder.start:placeholder.end])
                    continue
                pieces.append(str(value))
        pieces.append(text[done:])
        return ''.join(pieces)

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        return self._substitute(mapping, kws, False)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        return self._substitute(mapping, kws, True)

    def is_valid(self):
        for placeholder in self._placeholders():
            if placeholder.kind == 'invalid':
                return False
        return True

    def get_identifiers(self):
        ids = []
        for placeholder in self._placeholders():
            if placeholder.name is not None and placeholder.name not in ids:
                ids.append(placeholder.name)
        return ids


########################################################################
# Formatter: the machinery of str.format, in overridable steps


def _parse_format(format_string):
    # (literal_text, field_name, format_spec, conversion) for each piece of format_string,
    # with the results and errors of CPython's _string.formatter_parser.
    text = format_string
    n = len(text)
    i = 0
    while i < n:
        start = i
        while i < n and text[i] != '{' and text[i] != '}':
            i += 1
        if i == n:
            yield text[start:], None, None, None
            return
        brace = text[i]
        literal = text[start:i]
        i += 1
        if i < n and text[i] == brace:  # '{{' or '}}': one brace of literal text
            yield literal + brace, None, None, None
            i += 1
            continue
        if brace == '}':
            raise ValueError("Single '}' encountered in format string")
        if i == n:
            raise ValueError("Single '{' encountered in format string")
        field_name, format_spec, conversion, i = _parse_field(text, i)
        yield literal, field_name, format_spec, conversion


def _parse_field(text, i):
    # The field starting at text[i] (after its '{'): its name, format spec and conversion
    # and the index after its '}'. The name ends at '}', ':' or '!' outside square brackets;
    # the spec at the '}' that balances the braces inside it.
    n = len(text)
    name_start = i
    c = ''
    while i < n:
        c = text[i]
        i += 1
        if c == '{':
            raise ValueError("unexpected '{' in field name")
        if c == '[':
            while i < n and text[i] != ']':
                i += 1
        elif c == '}' or c == ':' or c == '!':
            break
    field_name = text[name_start:i - 1]
    if c == '}':
        return field_name, '', None, i
    if c != ':' and c != '!':
        raise ValueError("expected '}' before end of string")
    conversion = None
    if c == '!':
        if i >= n:
            raise ValueError("end of string while looking for conversion specifier")
        conversion = text[i]
        i += 1
        if i < n:
            i += 1
            if text[i - 1] == '}':
                return field_name, '', conversion, i
            if text[i - 1] != ':':
                raise ValueError("expected ':' after conversion specifier")
    spec_start = i
    depth = 1
    while i < n:
        i += 1
        if text[i - 1] == '{':
            depth += 1
        elif text[i - 1] == '}':
            depth -= 1
            if depth == 0:
                return field_name, text[spec_start:i - 1], conversion, i
    raise ValueError("unmatched '{' in format spec")


def _as_index(text):
    # An int for a key or argument number of decimal digits (any script's, as int() reads
    # them), else the text itself.
    if text and text.isdecimal():
        value = int(text)
        if value > _sys.maxsize:
            raise ValueError("Too many decimal digits in format string")
        return value
    return text


def _split_field_name(field_name):
    # (first, iterator of (is_attribute, key)) as _string.formatter_field_name_split gives
    # them: the iterator finds an error in the rest of the name only when it reaches it.
    i = 0
    while i < len(field_name) and field_name[i] != '.' and field_name[i] != '[':
        i += 1
    return _as_index(field_name[:i]), _field_name_rest(field_name, i)


def _field_name_rest(field_name, i):
    n = len(field_name)
    while i < n:
        if field_name[i] == '.':
            j = i + 1
            while j < n and field_name[j] != '.' and field_name[j] != '[':
                j += 1
            if j == i + 1:
                raise ValueError("Empty attribute in format string")
            yield True, field_name[i + 1:j]
            i = j
        else:  # '[': the first name stops only at '.' or '[', and so does each part
            j = field_name.find(']', i + 1)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            if j == i + 1:
                raise ValueError("Empty attribute in format string")
            yield False, _as_index(field_name[i + 1:j])
            i = j + 1
            if i < n and field_name[i] != '.' and field_name[i] != '[':
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth,
                 auto_arg_index=0):
        # auto_arg_index: the next automatic field number, or False once a field was
        # numbered by hand (the two may not be mixed).
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        pieces = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                pieces.append(literal_text)
            if field_name is None:
                continue
            if field_name == '':
                if auto_arg_index is False:
                    raise ValueError('cannot switch from manual field specification to '
                                     'automatic field numbering')
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError('cannot switch from manual field specification to '
                                     'automatic field numbering')
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            # the format spec may hold fields of its own
            format_spec, auto_arg_index = self._vformat(format_spec, args, kwargs, used_args,
                                                        recursion_depth - 1,
                                                        auto_arg_index=auto_arg_index)
            pieces.append(self.format_field(obj, format_spec))
        return ''.join(pieces), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        return _parse_format(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            if is_attr:
                obj = getattr(obj, key)
            else:
                obj = obj[key]
        return obj, first
