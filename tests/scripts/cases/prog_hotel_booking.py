# Hotel reservations: rooms of several types, bookings as half-open night ranges, overlap
# detection, the cheapest free room chosen per request, cancellation, an occupancy chart
# per night, and revenue by room type; refused bookings raise and are reported.


class BookingError(Exception):
    pass


class Room:
    def __init__(self, number, kind, rate):
        self.number, self.kind, self.rate = number, kind, rate
        self.bookings = []

    def free(self, start, end):
        return all(end <= b.start or start >= b.end for b in self.bookings)


class Booking:
    counter = 0

    def __init__(self, guest, room, start, end):
        Booking.counter += 1
        self.ref = f"B{Booking.counter:03d}"
        self.guest, self.room, self.start, self.end = guest, room, start, end

    @property
    def nights(self):
        return self.end - self.start

    @property
    def cost(self):
        weekly_discount = 0.9 if self.nights >= 7 else 1.0
        return round(self.nights * self.room.rate * weekly_discount, 2)

    def __repr__(self):
        return f"<{self.ref} {self.guest} room {self.room.number} nights {self.start}-{self.end}>"


class Hotel:
    def __init__(self, rooms):
        self.rooms = rooms
        self.bookings = {}

    def book(self, guest, kind, start, end):
        if end <= start:
            raise BookingError(f"{guest}: check-out day {end} is not after check-in {start}")
        candidates = [r for r in self.rooms if r.kind == kind]
        if not candidates:
            raise BookingError(f"{guest}: no rooms of type {kind!r}")
        free = sorted((r for r in candidates if r.free(start, end)), key=lambda r: (r.rate, r.number))
        if not free:
            raise BookingError(f"{guest}: no {kind} room free for nights {start}..{end - 1}")
        booking = Booking(guest, free[0], start, end)
        free[0].bookings.append(booking)
        self.bookings[booking.ref] = booking
        return booking

    def cancel(self, ref):
        booking = self.bookings.pop(ref, None)
        if booking is None:
            raise BookingError(f"no booking {ref}")
        booking.room.bookings.remove(booking)
        return booking

    def chart(self, first, last):
        lines = ["room " + "".join(f"{d % 10}" for d in range(first, last + 1))]
        for room in self.rooms:
            row = ""
            for night in range(first, last + 1):
                who = [b.guest[0] for b in room.bookings if b.start <= night < b.end]
                row += who[0] if who else "."
            lines.append(f"{room.number:<5}{row}")
        return "\n".join(lines)


hotel = Hotel([Room(101, "single", 80), Room(102, "single", 75), Room(201, "double", 120),
               Room(202, "double", 135), Room(301, "suite", 300)])
requests = [("Alice", "double", 1, 4), ("Bob", "single", 2, 5), ("Carol", "single", 3, 6),
            ("Dan", "single", 4, 7), ("Erin", "double", 2, 9), ("Fay", "double", 3, 5),
            ("Gus", "suite", 1, 8), ("Hal", "penthouse", 1, 2), ("Ivy", "single", 5, 5),
            ("Jo", "single", 5, 8)]
for guest, kind, start, end in requests:
    try:
        b = hotel.book(guest, kind, start, end)
        print(f"booked {b!r} cost {b.cost:.2f}")
    except BookingError as e:
        print("refused:", e)
print(hotel.chart(1, 9))
print("cancel", hotel.cancel("B002"))
print("rebooked", hotel.book("Fay", "single", 2, 4))
for ref in ("B002", "B999"):
    try:
        hotel.cancel(ref)
    except BookingError as e:
        print("BookingError:", e)
revenue = {}
for b in hotel.bookings.values():
    revenue[b.room.kind] = revenue.get(b.room.kind, 0) + b.cost
print({k: f"{v:,.2f}" for k, v in sorted(revenue.items())})
nights = sum(b.nights for b in hotel.bookings.values())
print(f"occupancy {nights}/{len(hotel.rooms) * 9} = {nights / (len(hotel.rooms) * 9):.0%}")
