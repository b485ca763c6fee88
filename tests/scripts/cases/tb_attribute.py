class_like = None
print(class_like.missing)
