import circular_ok_b
NAME = "a"
def ask_b():
    return circular_ok_b.NAME
