try:
    1 / 0
except ZeroDivisionError:
    int("not a number")
