import circular_b
A_VALUE = "a"
