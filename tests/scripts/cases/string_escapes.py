print("tab:\t|", "newline:\\n", "quote:\"", 'single:\'', "unicode:\u00e9\u03b1")
print(r"raw\n\t", b"bytes\x00\xff", len("\x00"), "\x41\102")
print("""triple
quoted""", '''also
triple''')
print("adjacent" " literals" ' joined')
print(repr("\n\t\\"), repr('it\'s'), repr("say \"hi\""))
