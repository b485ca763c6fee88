"""Cache lines from Python source files.

minipy's linecache (frozen into the binary from interp/src/modules/linecache.py): CPython
3.11's documented behaviour and cache layout (cache[filename] is (size, mtime, lines,
fullname), or a 1-tuple holding a function that returns the source for a lazy entry), over
open() and the _io module's stat (minipy has no os module). Sources are decoded as tokenize
does: a UTF-8 byte order mark or a coding cookie in the first two lines names the encoding
(utf-8 when there is none), newlines are read universally."""

import sys
import _io

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

cache = {}


def clearcache():
    """Clear the cache entirely."""
    cache.clear()


def getline(filename, lineno, module_globals=None):
    """Get a line for a Python source file from the cache.
    Update the cache if it doesn't contain an entry for this file already."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''


def getlines(filename, module_globals=None):
    """Get the lines for a Python source file from the cache.
    Update the cache if it doesn't contain an entry for this file already."""
    entry = cache.get(filename)
    if entry is not None and len(entry) != 1:
        return entry[2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []


def checkcache(filename=None):
    """Discard cache entries that are out of date.
    (This is not checked upon each call!)"""
    if filename is None:
        filenames = list(cache.keys())
    elif filename in cache:
        filenames = [filename]
    else:
        return
    for name in filenames:
        entry = cache[name]
        if len(entry) == 1:
            continue  # a lazy entry stays lazy
        size, mtime, lines, fullname = entry
        if mtime is None:
            continue  # read through a loader: nothing to compare
        try:
            now = _io._stat(fullname)
        except OSError:
            cache.pop(name, None)
            continue
        if size != now[0] or mtime != now[1]:
            cache.pop(name, None)


def _cookie_encoding(line):
    # The encoding a PEP 263 comment names ('# -*- coding: latin-1 -*-'), or None.
    stripped = line.lstrip(b" \t\f")
    if not stripped.startswith(b"#"):
        return None
    for marker in (b"coding:", b"coding="):
        at = stripped.find(marker)
        if at >= 0:
            rest = stripped[at + len(marker):].lstrip(b" \t")
            end = 0
            while end < len(rest) and (rest[end:end + 1].isalnum() or rest[end:end + 1] in b"-_."):
                end += 1
            if end:
                return rest[:end].decode("ascii")
    return None


def _decode_source(data):
    """The text of a source file as tokenize.open() reads it, or None when it cannot be
    decoded."""
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    else:
        first, _, rest = data.partition(b"\n")
        found = _cookie_encoding(first)
        blank_or_comment = not first.strip() or first.lstrip(b" \t\f").startswith(b"#")
        if found is None and blank_or_comment:
            found = _cookie_encoding(rest.partition(b"\n")[0])
        if found is not None:
            encoding = found
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_lines(text):
    # readlines() of the text, the last line given its '\n' as CPython's linecache does.
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line + "\n" for line in lines]


def updatecache(filename, module_globals=None):
    """Update a cache entry and return its list of lines.
    If something's wrong, discard the cache entry, and return an empty list."""
    if filename in cache and len(cache[filename]) != 1:
        cache.pop(filename, None)
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return []
    fullname = filename
    try:
        stat = _io._stat(fullname)
    except OSError:
        if lazycache(filename, module_globals):
            try:
                data = cache[filename][0]()
            except (ImportError, OSError):
                pass
            else:
                if data is None:
                    return []  # the loader has no source for the module
                cache[filename] = (len(data), None,
                                   [line + '\n' for line in data.splitlines()], fullname)
                return cache[filename][2]
        if filename.startswith("/"):
            return []
        # A relative name: look along the module search path.
        for dirname in sys.path:
            if not isinstance(dirname, str):
                continue
            fullname = dirname + "/" + filename if dirname and not dirname.endswith("/") \
                else dirname + filename
            try:
                stat = _io._stat(fullname)
                break
            except (OSError, ValueError):
                pass
        else:
            return []
    try:
        with open(fullname, "rb") as f:
            data = f.read()
    except (OSError, ValueError):
        return []
    text = _decode_source(data)
    if text is None:
        return []
    lines = _split_lines(text) if text else []
    cache[filename] = stat[0], stat[1], lines, fullname
    return lines


def lazycache(filename, module_globals):
    """Seed the cache for filename with module_globals: the module's loader's get_source is
    called on the first getlines(). True when an entry is (now) lazy."""
    if filename in cache:
        return len(cache[filename]) == 1
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return False
    if module_globals and '__name__' in module_globals:
        name = module_globals['__name__']
        loader = module_globals.get('__loader__')
        if loader is None:
            spec = module_globals.get('__spec__')
            loader = getattr(spec, 'loader', None)
        get_source = getattr(loader, 'get_source', None)
        if name and get_source:
            cache[filename] = (lambda: get_source(name),)
            return True
    return False
