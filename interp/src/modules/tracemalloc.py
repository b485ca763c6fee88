"""Trace the memory blocks allocated by Python: snapshots of the traces, grouped into
statistics by file, line or whole traceback, compared, filtered, written to a file.

minipy's tracemalloc (frozen into the binary from interp/src/modules/tracemalloc.py): the
documented behaviour of CPython 3.11's module, over the _tracemalloc built-in module.
Difference: dump() and load() use a text format of minipy's own (there is no pickle),
described above Snapshot."""

from _tracemalloc import (start, stop, is_tracing, clear_traces, get_traced_memory,
                          reset_peak, get_tracemalloc_memory, get_traceback_limit,
                          _get_traces, _get_object_traceback)
import linecache


_UNITS = ('B', 'KiB', 'MiB', 'GiB', 'TiB')


def _format_size(size, sign):
    # Three significant digits and a unit: bytes up to 10 KiB, then one decimal under 100.
    for unit in _UNITS:
        if unit != 'B' and abs(size) < 100:
            return ('%+.1f %s' if sign else '%.1f %s') % (size, unit)
        if unit == 'TiB' or abs(size) < 10 * 1024:
            return ('%+.0f %s' if sign else '%.0f %s') % (size, unit)
        size /= 1024


def _normalize_filename(filename):
    # os.path.normcase (os.fspath, then the identity on POSIX); a compiled file names its
    # source. minipy has no os module: io's _fspath makes os.fspath's checks.
    if not isinstance(filename, str):
        from io import _fspath
        filename = _fspath(filename)
    if filename.endswith('.pyc'):
        return filename[:-1]
    return filename


def _is_iterable(obj):
    # collections.abc.Iterable's test: the first class of the MRO that defines __iter__
    # defines it as something other than None.
    for klass in type(obj).__mro__:
        if '__iter__' in klass.__dict__:
            return klass.__dict__['__iter__'] is not None
    return False


def _sequence_index(sequence, value, start, stop):
    # collections.abc.Sequence.index, over sequence[i].
    if start is not None and start < 0:
        start = max(len(sequence) + start, 0)
    if stop is not None and stop < 0:
        stop += len(sequence)
    i = start
    while stop is None or i < stop:
        try:
            item = sequence[i]
        except IndexError:
            break
        if item is value or item == value:
            return i
        i += 1
    raise ValueError


# --- filename patterns, for Filter ---------------------------------------------------------


def _match_class(pattern, at, ch):
    # A [...] set starting at pattern[at] == '['. Returns (matched, index after ']'), or
    # (None, at) when the bracket is not closed (then it is a literal '[').
    i = at + 1
    negate = i < len(pattern) and pattern[i] == '!'
    if negate:
        i += 1
    first = i
    matched = False
    while i < len(pattern) and (pattern[i] != ']' or i == first):
        low = pattern[i]
        if i + 2 < len(pattern) and pattern[i + 1] == '-' and pattern[i + 2] != ']':
            if low <= ch <= pattern[i + 2]:
                matched = True
            i += 3
        else:
            if ch == low:
                matched = True
            i += 1
    if i >= len(pattern):
        return None, at
    return matched != negate, i + 1


def _fnmatch(name, pattern):
    # The shell-style match fnmatch.fnmatch makes on POSIX: '*' any run, '?' one character,
    # [seq] and [!seq] sets; everything else stands for itself; the whole name must match.
    n = p = 0
    star_p = star_n = -1
    while n < len(name):
        if p < len(pattern):
            c = pattern[p]
            if c == '*':
                star_p, star_n = p, n
                p += 1
                continue
            if c == '?':
                n += 1
                p += 1
                continue
            if c == '[':
                matched, after = _match_class(pattern, p, name[n])
                if matched is not None:
                    if matched:
                        n += 1
                        p = after
                        continue
                elif name[n] == '[':
                    n += 1
                    p += 1
                    continue
            elif c == name[n]:
                n += 1
                p += 1
                continue
        if star_p < 0:
            return False
        star_n += 1
        n = star_n
        p = star_p + 1
    while p < len(pattern) and pattern[p] == '*':
        p += 1
    return p == len(pattern)


# --- frames and tracebacks -------------------------------------------------------------------


class Frame:
    """Frame of a traceback."""

    __slots__ = ('_frame',)

    def __init__(self, frame):
        # frame is a (filename, lineno) tuple
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __ne__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame != other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __le__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame <= other._frame

    def __gt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame > other._frame

    def __ge__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame >= other._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return '%s:%s' % (self.filename, self.lineno)

    def __repr__(self):
        return '<Frame filename=%r lineno=%r>' % (self.filename, self.lineno)


class Traceback:
    """Sequence of Frame instances sorted from the oldest frame to the most recent frame."""

    __slots__ = ('_frames', '_total_nframe')

    def __init__(self, frames, total_nframe=None):
        # _tracemalloc gives the most recent frame first; a Traceback holds the oldest first.
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Frame(frame) for frame in self._frames[index]])
        return Frame(self._frames[index])

    def __iter__(self):
        for frame in self._frames:
            yield Frame(frame)

    def __reversed__(self):
        for frame in reversed(self._frames):
            yield Frame(frame)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def index(self, value, start=0, stop=None):
        return _sequence_index(self, value, start, stop)

    def count(self, value):
        return sum(1 for frame in self._frames if Frame(frame) == value)

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __ne__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames != other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __le__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames <= other._frames

    def __gt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames > other._frames

    def __ge__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames >= other._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        text = '<Traceback %r' % (tuple(self),)
        if self._total_nframe is None:
            return text + '>'
        return text + ' total_nframe=%s>' % (self._total_nframe,)

    def format(self, limit=None, most_recent_first=False):
        frames = self._frames
        if limit is not None:
            # A positive limit keeps the most recent frames, a negative one the oldest.
            frames = frames[-limit:] if limit > 0 else frames[:limit]
        if most_recent_first:
            frames = frames[::-1]
        lines = []
        for filename, lineno in frames:
            lines.append('  File "%s", line %s' % (filename, lineno))
            source = linecache.getline(filename, lineno).strip()
            if source:
                lines.append('    %s' % source)
        return lines


def get_object_traceback(obj):
    """Get the traceback where the Python object obj was allocated: a Traceback, or None
    when the object is not traced (tracemalloc off, or the block allocated before)."""
    frames = _get_object_traceback(obj)
    if frames is None:
        return None
    return Traceback(frames)


# --- traces ----------------------------------------------------------------------------------


class Trace:
    """Trace of a memory block."""

    __slots__ = ('_trace',)

    def __init__(self, trace):
        # trace is a (domain, size, traceback tuple, total_nframe) tuple
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(self._trace[2], self._trace[3])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __ne__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace != other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return '%s: %s' % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return '<Trace domain=%s size=%s, traceback=%r>' % (
            self.domain, _format_size(self.size, False), self.traceback)


class _Traces:
    """The traces of a snapshot, as a sequence of Trace."""

    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Trace(trace) for trace in self._traces[index]])
        return Trace(self._traces[index])

    def __iter__(self):
        for trace in self._traces:
            yield Trace(trace)

    def __contains__(self, trace):
        return trace._trace in self._traces

    def index(self, value, start=0, stop=None):
        return _sequence_index(self, value, start, stop)

    def count(self, value):
        return sum(1 for trace in self if trace is value or trace == value)

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __ne__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces != other._traces

    def __repr__(self):
        return '<Traces len=%s>' % len(self)


# --- statistics ------------------------------------------------------------------------------


class Statistic:
    """Statistic on memory allocations: size and count of the blocks under one key."""

    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.count == other.count)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __str__(self):
        text = '%s: size=%s, count=%i' % (self.traceback, _format_size(self.size, False),
                                          self.count)
        if self.count:
            text += ', average=%s' % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return '<Statistic traceback=%r size=%i count=%i>' % (self.traceback, self.size,
                                                               self.count)

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    """Statistic difference on memory allocations between an old and a new Snapshot
    instance."""

    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __hash__(self):
        return hash((self.traceback, self.size, self.size_diff, self.count, self.count_diff))

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.size_diff == other.size_diff and self.count == other.count
                and self.count_diff == other.count_diff)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __str__(self):
        text = '%s: size=%s (%s), count=%i (%+i)' % (
            self.traceback, _format_size(self.size, False), _format_size(self.size_diff, True),
            self.count, self.count_diff)
        if self.count:
            text += ', average=%s' % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return '<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>' % (
            self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def _sort_key(self):
        return (abs(self.size_diff), self.size, abs(self.count_diff), self.count,
                self.traceback)


def _compare_grouped_stats(old_group, new_group):
    # Every key of the new group against the old one; keys only the old group has shrank to 0.
    diffs = []
    old_group = dict(old_group)
    for traceback, stat in new_group.items():
        previous = old_group.pop(traceback, None)
        if previous is None:
            diffs.append(StatisticDiff(traceback, stat.size, stat.size, stat.count, stat.count))
        else:
            diffs.append(StatisticDiff(traceback, stat.size, stat.size - previous.size,
                                       stat.count, stat.count - previous.count))
    for traceback, stat in old_group.items():
        diffs.append(StatisticDiff(traceback, 0, -stat.size, 0, -stat.count))
    return diffs


# --- filters ---------------------------------------------------------------------------------


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern, lineno=None, all_frames=False,
                 domain=None):
        super().__init__(inclusive)
        self.inclusive = inclusive
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _match_frame_impl(self, filename, lineno):
        if not _fnmatch(_normalize_filename(filename), self._filename_pattern):
            return False
        return self.lineno is None or lineno == self.lineno

    def _match_frame(self, filename, lineno):
        return self._match_frame_impl(filename, lineno) != (not self.inclusive)

    def _match_traceback(self, traceback):
        if not self.all_frames:
            filename, lineno = traceback[0]
            return self._match_frame(filename, lineno)
        for filename, lineno in traceback:
            if self._match_frame_impl(filename, lineno):
                return self.inclusive
        return not self.inclusive

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        matched = self._match_traceback(traceback)
        if self.domain is None:
            return matched
        if self.inclusive:
            return matched and domain == self.domain
        return matched or domain != self.domain


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        return (domain == self._domain) != (not self.inclusive)


# --- snapshots -------------------------------------------------------------------------------

# Snapshot.dump's file (CPython pickles the Snapshot; minipy has no pickle): UTF-8 text,
# lines ending in '\n':
#   minipy tracemalloc snapshot 1
#   limit <traceback_limit>
#   trace <domain> <size> <total_nframe or None> <number of frames>    one per trace, then
#   <lineno> <filename>                                                 its frames, most recent
#                                                                       first
# A filename keeps every character but these, written as escapes: '\\' as '\\\\', '\n' as
# '\\n', '\r' as '\\r', a lone surrogate as '\\uXXXX' (4 hex digits), so any name reads back
# the same and the file is valid UTF-8. load() gives traces equal to the dumped ones, in the
# same order, with equal tracebacks shared as take_snapshot() shares them.
_DUMP_MAGIC = 'minipy tracemalloc snapshot 1'
_ESCAPES = {'\\': '\\\\', '\n': '\\n', '\r': '\\r'}


def _escape(text):
    out = []
    for c in text:
        if c in _ESCAPES:
            c = _ESCAPES[c]
        elif 0xD800 <= ord(c) <= 0xDFFF:
            c = '\\u%04x' % ord(c)
        out.append(c)
    return ''.join(out)


def _unescape(text):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == '\\' and i + 1 < len(text):
            i += 1
            c = text[i]
            if c == 'n':
                c = '\n'
            elif c == 'r':
                c = '\r'
            elif c == 'u':
                c = chr(int(text[i + 1:i + 5], 16))
                i += 4
        out.append(c)
        i += 1
    return ''.join(out)


class Snapshot:
    """Snapshot of traces of memory blocks allocated by Python."""

    def __init__(self, traces, traceback_limit):
        # traces: a list of (domain, size, traceback tuple, total_nframe)
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def dump(self, filename):
        """Write the snapshot into a file."""
        lines = [_DUMP_MAGIC, 'limit %d' % self.traceback_limit]
        for domain, size, frames, total_nframe in self.traces._traces:
            lines.append('trace %d %d %s %d' % (domain, size, total_nframe, len(frames)))
            for frame_file, lineno in frames:
                lines.append('%d %s' % (lineno, _escape(frame_file)))
        with open(filename, 'w', encoding='utf-8', newline='\n') as f:
            f.write('\n'.join(lines) + '\n')

    @staticmethod
    def load(filename):
        """Load a snapshot from a file."""
        with open(filename, encoding='utf-8', newline='\n') as f:
            lines = f.read().split('\n')
        try:
            return Snapshot._parse(lines)
        except (ValueError, IndexError):
            raise ValueError('%r is not a snapshot written by tracemalloc.Snapshot.dump'
                             % (filename,)) from None

    @staticmethod
    def _parse(lines):
        if lines[0] != _DUMP_MAGIC or not lines[1].startswith('limit ') or lines[-1]:
            raise ValueError
        traceback_limit = int(lines[1][6:])
        traces = []
        tracebacks = {}
        i = 2
        while i < len(lines) - 1:
            tag, domain, size, total_nframe, nframe = lines[i].split(' ')
            nframe = int(nframe)
            if tag != 'trace' or nframe < 0 or i + 1 + nframe > len(lines) - 1:
                raise ValueError
            frames = []
            for line in lines[i + 1:i + 1 + nframe]:
                lineno, name = line.split(' ', 1)
                frames.append((_unescape(name), int(lineno)))
            frames = tuple(frames)
            frames = tracebacks.setdefault(frames, frames)
            total = None if total_nframe == 'None' else int(total_nframe)
            traces.append((int(domain), int(size), frames, total))
            i += 1 + nframe
        return Snapshot(traces, traceback_limit)

    def _filter_trace(self, include_filters, exclude_filters, trace):
        if include_filters and not any(f._match(trace) for f in include_filters):
            return False
        if exclude_filters and any(not f._match(trace) for f in exclude_filters):
            return False
        return True

    def filter_traces(self, filters):
        """Create a new Snapshot instance with a filtered traces sequence: filters is a
        list of Filter and DomainFilter instances. A trace is kept when an inclusive filter
        (if there is any) matches it and no exclusive filter rejects it."""
        if not _is_iterable(filters):
            raise TypeError('filters must be a list of filters, not %s'
                            % type(filters).__name__)
        if not filters:
            return Snapshot(list(self.traces._traces), self.traceback_limit)
        include_filters = []
        exclude_filters = []
        for trace_filter in filters:
            if trace_filter.inclusive:
                include_filters.append(trace_filter)
            else:
                exclude_filters.append(trace_filter)
        kept = [trace for trace in self.traces._traces
                if self._filter_trace(include_filters, exclude_filters, trace)]
        return Snapshot(kept, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ('traceback', 'filename', 'lineno'):
            raise ValueError('unknown key_type: %r' % (key_type,))
        if cumulative and key_type not in ('lineno', 'filename'):
            raise ValueError('cumulative mode cannot by used with key type %r' % key_type)
        stats = {}
        keys = {}  # a trace's traceback (or frame, when cumulative) -> its Traceback key

        def add(key, size):
            stat = stats.get(key)
            if stat is None:
                stats[key] = Statistic(key, size, 1)
            else:
                stat.size += size
                stat.count += 1

        for domain, size, frames, total_nframe in self.traces._traces:
            if not cumulative:
                key = keys.get(frames)
                if key is None:
                    if key_type == 'traceback':
                        key = Traceback(frames)
                    elif key_type == 'lineno':
                        key = Traceback(frames[:1])
                    else:
                        key = Traceback(((frames[0][0], 0),))
                    keys[frames] = key
                add(key, size)
                continue
            for frame in frames:
                key = keys.get(frame)
                if key is None:
                    if key_type == 'lineno':
                        key = Traceback((frame,))
                    else:
                        key = Traceback(((frame[0], 0),))
                    keys[frame] = key
                add(key, size)
        return stats

    def statistics(self, key_type, cumulative=False):
        """Group statistics by key_type ('traceback', 'filename' or 'lineno'): a list of
        Statistic, the biggest first. cumulative=True counts a block at every frame of its
        traceback, not only the most recent."""
        stats = list(self._group_by(key_type, cumulative).values())
        stats.sort(reverse=True, key=Statistic._sort_key)
        return stats

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        """Compute the differences with an old snapshot old_snapshot: a list of
        StatisticDiff, the biggest change first."""
        new_group = self._group_by(key_type, cumulative)
        old_group = old_snapshot._group_by(key_type, cumulative)
        diffs = _compare_grouped_stats(old_group, new_group)
        diffs.sort(reverse=True, key=StatisticDiff._sort_key)
        return diffs


def take_snapshot():
    """Take a snapshot of traces of memory blocks allocated by Python."""
    if not is_tracing():
        raise RuntimeError('the tracemalloc module must be tracing memory allocations to '
                           'take a snapshot')
    return Snapshot(_get_traces(), get_traceback_limit())
