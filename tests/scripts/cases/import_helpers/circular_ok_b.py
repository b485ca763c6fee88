import circular_ok_a
NAME = "b"
def ask_a():
    return circular_ok_a.NAME
