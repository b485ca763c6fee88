# input() at the end of the input, uncaught: EOFError "EOF when reading a line".
print("first:", input("> "))
input("again> ")
