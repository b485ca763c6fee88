# A text adventure's state machine: rooms joined by exits, items to pick up, a locked door,
# a scripted list of commands parsed into verbs and objects, and the player's final state.

ROOMS = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"},
             "items": ["lamp"]},
    "library": {"desc": "shelves of mouldy books", "exits": {"south": "hall"},
                "items": ["key", "book"]},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"},
                "items": ["bread"]},
    "cellar": {"desc": "a dark cellar", "exits": {"up": "kitchen"}, "items": ["treasure"],
               "locked": True, "dark": True},
}


class GameOver(Exception):
    pass


class Game:
    def __init__(self, rooms):
        self.rooms = {name: dict(room, items=list(room["items"])) for name, room in rooms.items()}
        self.here = "hall"
        self.inventory = set()
        self.moves = 0
        self.score = 0

    def handle(self, line):
        words = line.lower().split()
        if not words:
            return "say something"
        verb, *rest = words
        handler = getattr(self, "do_" + verb, None)
        if handler is None:
            return f"I don't know how to {verb!r}"
        self.moves += 1
        return handler(" ".join(rest))

    def do_look(self, _):
        room = self.rooms[self.here]
        if room.get("dark") and "lamp" not in self.inventory:
            return "it is pitch dark"
        items = ", ".join(sorted(room["items"])) or "nothing"
        exits = ", ".join(sorted(room["exits"]))
        return f"You are in {room['desc']}. You see: {items}. Exits: {exits}."

    def do_go(self, direction):
        room = self.rooms[self.here]
        if direction not in room["exits"]:
            return f"you can't go {direction or 'nowhere'}"
        target = room["exits"][direction]
        if self.rooms[target].get("locked"):
            if "key" not in self.inventory:
                return "the door is locked"
            self.rooms[target]["locked"] = False
            self.score += 10
        self.here = target
        return self.do_look("")

    def do_take(self, thing):
        items = self.rooms[self.here]["items"]
        if thing not in items:
            return f"there is no {thing} here"
        items.remove(thing)
        self.inventory.add(thing)
        self.score += 50 if thing == "treasure" else 5
        if thing == "treasure":
            raise GameOver(f"you win with {self.score} points in {self.moves} moves")
        return f"taken: {thing}"

    def do_drop(self, thing):
        try:
            self.inventory.remove(thing)
        except KeyError:
            return f"you don't have {thing}"
        self.rooms[self.here]["items"].append(thing)
        return f"dropped: {thing}"

    def do_inventory(self, _):
        return "you carry: " + (", ".join(sorted(self.inventory)) or "nothing")


script = ["look", "take lamp", "go east", "go down", "dance", "go west", "go north",
          "take key", "take sword", "take book", "drop book", "drop book", "inventory",
          "go south", "go east", "go down", "", "look", "take treasure", "look"]
game = Game(ROOMS)
for command in script:
    print(f"> {command}")
    try:
        print(game.handle(command))
    except GameOver as end:
        print("*** " + str(end) + " ***")
        break
print(f"room={game.here} moves={game.moves} score={game.score} items={sorted(game.inventory)}")
print("library now holds", game.rooms["library"]["items"])
