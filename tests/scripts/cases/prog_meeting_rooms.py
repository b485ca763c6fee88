# Meeting-room scheduling: times parsed from "HH:MM", intervals merged per person, free
# slots common to all attendees within working hours, the minimum number of rooms for a
# day's meetings by a sweep over start/end events, greedy room assignment, and conflicts.


def minutes(text):
    hh, _, mm = text.partition(":")
    if not (hh.isdigit() and mm.isdigit() and len(mm) == 2) or int(hh) > 23 or int(mm) > 59:
        raise ValueError(f"bad time {text!r}")
    return int(hh) * 60 + int(mm)


def clock(m):
    return f"{m // 60:02d}:{m % 60:02d}"


def merge(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [tuple(i) for i in out]


def free_slots(busy, day_start, day_end, length):
    slots, cursor = [], day_start
    for start, end in merge(busy):
        if start - cursor >= length:
            slots.append((cursor, start))
        cursor = max(cursor, end)
    if day_end - cursor >= length:
        slots.append((cursor, day_end))
    return slots


def rooms_needed(meetings):
    events = sorted([(s, 1) for s, _ in meetings] + [(e, -1) for _, e in meetings])
    peak = current = 0
    for _, delta in events:
        current += delta
        peak = max(peak, current)
    return peak


def assign_rooms(meetings, rooms):
    free_at = {r: 0 for r in rooms}
    plan = {}
    for name, (start, end) in sorted(meetings.items(), key=lambda kv: kv[1]):
        room = min((r for r in rooms if free_at[r] <= start), key=lambda r: (free_at[r], r), default=None)
        if room is None:
            plan[name] = None
            continue
        free_at[room] = end
        plan[name] = room
    return plan


CALENDARS = {
    "ana": ["09:00-10:30", "12:00-13:00", "13:00-13:30", "16:00-17:00"],
    "ben": ["09:30-11:00", "14:00-15:00"],
    "cleo": ["08:00-09:15", "11:30-12:15", "15:30-16:30"],
}
busy = {p: [tuple(map(minutes, r.split("-"))) for r in ranges] for p, ranges in CALENDARS.items()}
for person, intervals in busy.items():
    print(person, "busy:", ", ".join(f"{clock(s)}-{clock(e)}" for s, e in merge(intervals)))
everyone = [i for intervals in busy.values() for i in intervals]
for length in (30, 60, 90):
    slots = free_slots(everyone, minutes("09:00"), minutes("17:30"), length)
    print(f"common {length}-minute slots:", [f"{clock(s)}-{clock(e)}" for s, e in slots])
MEETINGS = {"standup": ("09:00", "09:15"), "design": ("09:10", "10:30"), "1:1": ("10:00", "10:30"),
            "lunch talk": ("12:00", "13:00"), "review": ("12:30", "14:00"), "planning": ("13:00", "14:30"),
            "retro": ("14:00", "15:00"), "all hands": ("09:05", "09:50")}
meetings = {n: (minutes(s), minutes(e)) for n, (s, e) in MEETINGS.items()}
print("rooms needed:", rooms_needed(list(meetings.values())))
for rooms in (["Blue", "Green", "Red"], ["Blue", "Green"]):
    plan = assign_rooms(meetings, rooms)
    print(f"with {len(rooms)} rooms:", {n: r for n, r in plan.items()})
    print("   unplaced:", [n for n, r in plan.items() if r is None])
for bad in ["9:60", "24:00", "noon", "12:5"]:
    try:
        minutes(bad)
    except ValueError as e:
        print("ValueError:", e)
