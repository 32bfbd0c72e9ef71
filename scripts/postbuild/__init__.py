"""After the build, on site/ alone (called by hooks.py once every language is built).

- known_inline.py: the inline scripts and styles the project knows it writes, the
  only ones a page's Content-Security-Policy lists.
"""
