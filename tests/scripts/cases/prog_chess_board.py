# A chess position from FEN: parsing the board, side to move, castling rights and move
# counters; printing the board; pseudo-legal moves for knights, kings and sliding pieces;
# attack maps, a check test, material count, and errors for malformed FEN strings.

VALUES = {"p": 1, "n": 3, "b": 3, "r": 5, "q": 9, "k": 0}
DIRS = {"n": [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)],
        "k": [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)],
        "b": [(1, 1), (1, -1), (-1, 1), (-1, -1)], "r": [(1, 0), (-1, 0), (0, 1), (0, -1)]}
DIRS["q"] = DIRS["b"] + DIRS["r"]


class FenError(ValueError):
    pass


def square(f, r):
    return "abcdefgh"[f] + str(r + 1)


class Position:
    def __init__(self, fen):
        fields = fen.split()
        if len(fields) != 6:
            raise FenError(f"FEN needs 6 fields, got {len(fields)}")
        rows = fields[0].split("/")
        if len(rows) != 8:
            raise FenError(f"board needs 8 ranks, got {len(rows)}")
        self.board = {}
        for i, row in enumerate(rows):
            rank, f = 7 - i, 0
            for ch in row:
                if ch.isdigit():
                    f += int(ch)
                elif ch.lower() in VALUES:
                    self.board[(f, rank)] = ch
                    f += 1
                else:
                    raise FenError(f"bad piece {ch!r} on rank {rank + 1}")
            if f != 8:
                raise FenError(f"rank {rank + 1} has {f} files")
        if fields[1] not in ("w", "b"):
            raise FenError(f"side to move must be w or b, not {fields[1]!r}")
        self.side, self.castling = fields[1], fields[2]
        self.halfmove, self.fullmove = int(fields[4]), int(fields[5])

    def show(self):
        lines = []
        for r in range(7, -1, -1):
            lines.append(f"{r + 1} " + " ".join(self.board.get((f, r), ".") for f in range(8)))
        return "\n".join(lines + ["  a b c d e f g h"])

    def moves_from(self, f, r):
        piece = self.board[(f, r)]
        kind, white = piece.lower(), piece.isupper()
        out = []
        if kind == "p":
            step = 1 if white else -1
            if (f, r + step) not in self.board:
                out.append((f, r + step))
            for df in (-1, 1):
                target = self.board.get((f + df, r + step))
                if target and target.isupper() != white:
                    out.append((f + df, r + step))
            return [m for m in out if 0 <= m[0] < 8 and 0 <= m[1] < 8]
        slide = kind in "brq"
        for df, dr in DIRS[kind]:
            nf, nr = f + df, r + dr
            while 0 <= nf < 8 and 0 <= nr < 8:
                target = self.board.get((nf, nr))
                if target is None or target.isupper() != white:
                    out.append((nf, nr))
                if target is not None or not slide:
                    break
                nf, nr = nf + df, nr + dr
        return out

    def attacked_by(self, white):
        return {m for sq, p in self.board.items() if p.isupper() == white and p.lower() != "p"
                for m in self.moves_from(*sq)}

    def in_check(self, white):
        king = next(sq for sq, p in self.board.items() if p == ("K" if white else "k"))
        return king in self.attacked_by(not white)

    def material(self):
        white = sum(VALUES[p.lower()] for p in self.board.values() if p.isupper())
        black = sum(VALUES[p] for p in self.board.values() if p.islower())
        return white, black


start = Position("rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1")
print(start.show())
count = sum(len(start.moves_from(*sq)) for sq, p in start.board.items() if p.isupper())
print("white moves at the start:", count, "material:", start.material())
pos = Position("r3k2r/ppp2ppp/2n5/3qp3/1b1P4/2N2N2/PPP2PPP/R1BQK2R w KQkq - 4 9")
print(pos.show())
for sq in [(2, 2), (3, 7 - 4), (1, 3), (4, 0)]:
    piece = pos.board[sq]
    print(piece, square(*sq), "->", " ".join(square(*m) for m in sorted(pos.moves_from(*sq))))
print("white in check:", pos.in_check(True), "black in check:", pos.in_check(False))
print("squares black attacks:", len(pos.attacked_by(False)), "material:", pos.material())
for bad in ["8/8/8/8/8/8/8 w - - 0 1", "rnbqkbnr/ppppxppp/8/8/8/8/PPPPPPPP/RNBQKBNR w - - 0 1",
            "rnbqkbnr/ppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w - - 0 1", "8/8/8/8/8/8/8/8 x - - 0 1", "k7/8"]:
    try:
        Position(bad)
    except FenError as e:
        print("FenError:", e)
