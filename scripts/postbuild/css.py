"""The site's one CSS parser: stylesheets as trees, on tinycss2.

tinycss2 (a maintained CSS Syntax Level 3 parser, pinned in requirements.txt)
turns a stylesheet into rules, at-rules and tokens; this module keeps that
tree in a form the post-build steps share, parsed once per build:

- parse(text) -> [item]: Rule (a style rule: its selectors and
  declarations), Group (@media, @supports, @container, holding items),
  Other (any other at-rule or statement, kept as written), Comment and
  Trailing (what follows the last item);
- Selector: one complex selector, with what the steps ask of it worked out
  from its tokens, once: the classes, ids and element types it names
  outside any parentheses or brackets, whether it asks for [dir=rtl], the
  colour names of the theme's palette attributes, the choices of its
  top-level :is() and :where(), its specificity and its subject (the last
  compound);
- Decl: one declaration: the custom property it defines, if any, and the
  custom properties it reads (var(--x)).

Every text the steps write back is cut from the original stylesheet at the
offsets tinycss2 reports (line and column), not re-serialized: a kept rule
reads exactly as it did (tinycss2.serialize would write `1n+2` as `1n/**/+2`
and change quotes), and the built site stays byte-identical. The
serializers below keep the layout the post-build steps have always written
(trim_theme_css: drop_unused; inline_css: without_unused_properties;
split_inline_css: its two parts).

What is not tinycss2's: specificity and the subject. cssselect2, the
selector library beside tinycss2, computes specificity but rejects the
theme's vendor pseudo-elements (::-webkit-scrollbar, ::-moz-selection)
and :-webkit-any(), and says nothing of whether a selector might match a
page known only by its names; so those few questions are answered here
from the tokens.
"""
import functools
from dataclasses import dataclass, field, replace

import tinycss2

GROUPS = ("media", "supports", "container")  # at-rules whose rules apply as if top-level
LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter"}
_SCOPED = ("is", "not", "has", "matches", "-webkit-any", "-moz-any")  # specificity of the most specific argument
_COLOUR_ATTRS = {"data-md-color-primary", "data-md-color-accent", "data-md-color-scheme"}


def normalize(text):
    """Line breaks as CSS reads them (tinycss2 counts lines in this text)."""
    return text.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


class _Offsets:
    def __init__(self, text):
        self.starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(i + 1)

    def __call__(self, node):
        return self.starts[node.source_line - 1] + node.source_column - 1


def _significant(tokens):
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _split(tokens, literal):
    """Token lists between top-level `literal` tokens (",", ";")."""
    parts, current = [], []
    for token in tokens:
        if token.type == "literal" and token.value == literal:
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return parts


def _walk(tokens):
    """Every token, blocks' contents included, depth first."""
    for token in tokens:
        yield token
        if token.type in ("() block", "[] block", "{} block"):
            yield from _walk(token.content)
        elif token.type == "function":
            yield from _walk(token.arguments)


def _attribute(block):
    """(name, value) of an attribute selector [name=value], or None."""
    parts = _significant(block.content)
    if (len(parts) >= 3 and parts[0].type == "ident" and parts[1].type == "literal" and parts[1].value == "="
            and parts[2].type in ("ident", "string")):
        return parts[0].value, parts[2].value
    return None


class Selector:
    """One complex selector: `text` as written (the first of a rule's
    selectors with the text before it), `tokens` its tokens."""

    def __init__(self, text, tokens):
        self.text = text
        self.tokens = [t for t in tokens if t.type != "comment"]

    def _top(self):
        """(token, previous token) at the top level (outside any block)."""
        previous = None
        for token in self.tokens:
            yield token, previous
            previous = token

    @functools.cached_property
    def classes(self):
        return frozenset(t.value for t, before in self._top()
                         if t.type == "ident" and before is not None and before.type == "literal" and before.value == ".")

    @functools.cached_property
    def ids(self):
        return frozenset(t.value for t, _ in self._top() if t.type == "hash" and t.is_identifier)

    @functools.cached_property
    def types(self):
        """Element types: identifiers at the top level that start a compound."""
        return frozenset(t.value for t, before in self._top()
                         if t.type == "ident" and t.value[:1].isalpha()
                         and (before is None or before.type == "whitespace"
                              or (before.type == "literal" and before.value in ">+~,")))

    @functools.cached_property
    def rtl(self):
        """Whether it asks for [dir=rtl] anywhere."""
        return any(t.type == "[] block" and (_attribute(t) or ("", ""))[0] == "dir"
                   and _attribute(t)[1].startswith("rtl") for t in _walk(self.tokens))

    @functools.cached_property
    def colours(self):
        """The values of the theme's palette attributes it asks for ([data-md-color-primary=teal])."""
        found = []
        for t in _walk(self.tokens):
            if t.type == "[] block":
                attribute = _attribute(t)
                if attribute and attribute[0] in _COLOUR_ATTRS:
                    found.append(attribute[1])
        return found

    @functools.cached_property
    def alternatives(self):
        """For each top-level :is() and :where(), its choices (Selectors)."""
        found = []
        for t, before in self._top():
            if (t.type == "function" and t.lower_name in ("is", "where")
                    and before is not None and before.type == "literal" and before.value == ":"):
                found.append([Selector(None, part) for part in _split(t.arguments, ",")])
        return found

    @functools.cached_property
    def specificity(self):
        """(ids, classes, types), as CSS Selectors 4 counts them."""
        return specificity(self.tokens)

    @functools.cached_property
    def subject(self):
        """What its last compound requires of an element:
        (type or None, id or None, classes, pseudo-element or None)."""
        compounds, current = [], []
        for t in self.tokens:
            if t.type == "whitespace" or (t.type == "literal" and t.value in ">+~"):
                if current:
                    compounds.append(current)
                current = []
            else:
                current.append(t)
        if current:
            compounds.append(current)
        compound = compounds[-1] if compounds else []
        kind = compound[0].value.lower() if compound and compound[0].type == "ident" else None
        ident = next((t.value for t in compound if t.type == "hash"), None)
        classes, element = set(), None
        for i, t in enumerate(compound):
            before = compound[i - 1] if i else None
            if before is None or before.type != "literal":
                continue
            if before.value == "." and t.type == "ident":
                classes.add(t.value)
            elif before.value == ":" and t.type in ("ident", "function"):
                name = (t.value if t.type == "ident" else t.name).lower()
                double = i >= 2 and compound[i - 2].type == "literal" and compound[i - 2].value == ":"
                if double or name in LEGACY_PSEUDO_ELEMENTS:
                    element = name
        return (kind, ident, frozenset(classes), element)


def specificity(tokens):
    """(ids, classes, types) of one complex selector's tokens."""
    a = b = c = 0
    tokens = [t for t in tokens if t.type != "comment"]
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "hash":
            a += 1
        elif t.type == "literal" and t.value == "." and i + 1 < len(tokens) and tokens[i + 1].type == "ident":
            b += 1
            i += 1
        elif t.type == "[] block":
            b += 1
        elif t.type == "literal" and t.value == ":":
            element = i + 1 < len(tokens) and tokens[i + 1].type == "literal" and tokens[i + 1].value == ":"
            i += 2 if element else 1
            pseudo = tokens[i] if i < len(tokens) else None
            if pseudo is None:
                break
            if pseudo.type == "function":
                name = pseudo.lower_name
                if name in _SCOPED:
                    inner = max((specificity(part) for part in _split(pseudo.arguments, ",")), default=(0, 0, 0))
                    a, b, c = a + inner[0], b + inner[1], c + inner[2]
                    i += 1
                    continue
                if name == "where":
                    i += 1
                    continue
                if name in ("nth-child", "nth-last-child"):
                    words = pseudo.arguments
                    at = next((k for k, w in enumerate(words) if w.type == "ident" and w.lower_value == "of"), None)
                    if at is not None:
                        inner = max(specificity(part) for part in _split(words[at + 1:], ","))
                        a, b, c = a + inner[0], b + inner[1], c + inner[2]
            else:
                element = element or (pseudo.type == "ident" and pseudo.lower_value in LEGACY_PSEUDO_ELEMENTS)
            if element:
                c += 1
            else:
                b += 1
        elif t.type == "ident":
            c += 1
        i += 1
    return (a, b, c)


@dataclass
class Decl:
    """One declaration of a rule's body, as written (between semicolons)."""
    text: str
    tokens: list = field(repr=False)

    @functools.cached_property
    def name(self):
        """The property's name, lower case ("" if none)."""
        first = _significant(self.tokens)[:1]
        if first and first[0].type == "ident":
            return first[0].value.lower()
        return self.text.split(":", 1)[0].strip().lower()

    @functools.cached_property
    def custom(self):
        """The custom property it defines (--x), or None."""
        parts = _significant(self.tokens)
        if (len(parts) >= 2 and parts[0].type == "ident" and parts[0].value.startswith("--")
                and parts[1].type == "literal" and parts[1].value == ":"):
            return parts[0].value
        return None

    @functools.cached_property
    def reads(self):
        """The custom properties it reads through var()."""
        found = set()
        for t in _walk(self.tokens):
            if t.type == "function" and t.lower_name == "var":
                first = _significant(t.arguments)[:1]
                if first and first[0].type == "ident" and first[0].value.startswith("--"):
                    found.add(first[0].value)
        return frozenset(found)


@dataclass
class Rule:
    """A style rule: its selectors (their texts joined by "," are its prelude) and its body."""
    selectors: list
    body: str
    decls: list = field(repr=False)

    def text(self, selectors=None, body=None):
        chosen = self.selectors if selectors is None else selectors
        return ",".join(s.text for s in chosen) + "{" + (self.body if body is None else body) + "}"


@dataclass
class Group:
    """@media, @supports or @container: `prelude` as written (with the text before it)."""
    prelude: str
    items: list
    medium: object = None  # "print" or "screen" if it holds its rules to one medium

    @functools.cached_property
    def head(self):
        return self.prelude.strip()


@dataclass
class Other:
    """Any other at-rule or statement, or a rule without a selector, as written."""
    text: str


@dataclass
class Comment:
    """A comment right after the previous item (before any other text), as written."""
    text: str


@dataclass
class Trailing:
    """What follows the last item of a stylesheet or block (white space, comments)."""
    text: str


def _medium(at_rule):
    words = _significant(at_rule.prelude)
    if any(t.type == "literal" and t.value == "," for t in at_rule.prelude):
        return None
    if words and words[0].type == "ident" and words[0].value == "only":
        words = words[1:]
    if at_rule.lower_at_keyword == "media" and words and words[0].type == "ident" and words[0].value in ("print", "screen"):
        return words[0].value
    return None


def _items(text, nodes, start, stop, offset):
    """The items of text[start:stop], whose tinycss2 nodes are `nodes`."""
    items = []
    nodes = [n for n in nodes if n.type != "whitespace"]
    lead = start  # where the text not yet given to an item begins
    ends = [offset(n) for n in nodes[1:]] + [stop]
    for node, end in zip(nodes, ends):
        at = offset(node)
        if node.type == "error":
            raise ValueError(f"CSS at line {node.source_line}, column {node.source_column}: {node.message}")
        if node.type == "comment":
            if at == lead:
                close = text.find("*/", at + 2)
                close = stop if close < 0 else close + 2
                items.append(Comment(text[at:close]))
                lead = close
            continue
        tail = end
        while tail > at and text[tail - 1].isspace():
            tail -= 1  # the white space after the item goes with the next one
        content = node.content
        if content is None:  # a statement: @charset "UTF-8";
            items.append(Other(text[lead:tail]))
            lead = tail
            continue
        brace = offset(content[0]) - 1 if content else tail - 2
        if node.type == "at-rule" and node.lower_at_keyword in GROUPS:
            inner = tinycss2.parse_rule_list(content, skip_comments=False, skip_whitespace=False)
            items.append(Group(text[lead:brace], _items(text, inner, brace + 1, tail - 1, offset), _medium(node)))
        elif node.type == "at-rule" or not _significant(node.prelude):
            items.append(Other(text[lead:tail]))
        else:
            cuts = [lead] + [offset(t) for t in node.prelude if t.type == "literal" and t.value == ","] + [brace]
            selectors = [Selector(text[cuts[k] + (1 if k else 0):cuts[k + 1]], part)
                         for k, part in enumerate(_split(node.prelude, ","))]
            semis = [brace] + [offset(t) for t in content if t.type == "literal" and t.value == ";"] + [tail - 1]
            decls = [Decl(text[semis[k] + 1:semis[k + 1]], part) for k, part in enumerate(_split(content, ";"))]
            items.append(Rule(selectors, text[brace + 1:tail - 1], [d for d in decls if d.text.strip()]))
        lead = tail
    if lead < stop:
        items.append(Trailing(text[lead:stop]))
    return items


def parse(text):
    """A stylesheet's text as items (see the module's docstring)."""
    text = normalize(text)
    nodes = tinycss2.parse_stylesheet(text, skip_comments=False, skip_whitespace=False)
    return _items(text, nodes, 0, len(text), _Offsets(text))


def without_comments(text):
    """The stylesheet without its comments (a comment-like text inside a string stays)."""
    text = normalize(text)
    offset = _Offsets(text)
    out, last = [], 0
    for token in _walk(tinycss2.parse_component_value_list(text, skip_comments=False)):
        if token.type == "comment":
            at = offset(token)
            out.append(text[last:at])
            close = text.find("*/", at + 2)
            last = len(text) if close < 0 else close + 2
    out.append(text[last:])
    return "".join(out)


# --- keeping what can match -----------------------------------------------------

def keep_selectors(items, can_match):
    """The items with only the selectors `can_match(selector)` keeps; a rule
    left with none goes, and so does a group left with no rule."""
    out = []
    for item in items:
        if isinstance(item, Rule):
            kept = [s for s in item.selectors if can_match(s)]
            if len(kept) == len(item.selectors):
                out.append(item)
            elif kept:
                out.append(replace(item, selectors=kept))
        elif isinstance(item, Group):
            inner = keep_selectors(item.items, can_match)
            if any(not isinstance(i, Trailing) or i.text.strip() for i in inner):
                out.append(replace(item, items=inner))
        else:
            out.append(item)
    return out


def write(items):
    """The items as text, each as written."""
    out = []
    for item in items:
        if isinstance(item, Rule):
            out.append(item.text())
        elif isinstance(item, Group):
            out.append(item.prelude + "{" + write(item.items) + "}")
        else:
            out.append(item.text)
    return "".join(out)


def rules(items):
    """Every style rule, groups' included, in order."""
    for item in items:
        if isinstance(item, Rule):
            yield item
        elif isinstance(item, Group):
            yield from rules(item.items)


def custom_properties_read(items, reads, counts=lambda rule: True):
    """The custom properties (--x) read, directly or through the definitions
    of others, by the declarations of the style rules in `items` that
    `counts` accepts, together with the names already in `reads`. A
    definition `--a: var(--b)` makes whoever reads --a read --b too."""
    defined, reads = {}, set(reads)
    for rule in rules(items):
        for decl in rule.decls:
            if decl.custom:
                defined.setdefault(decl.custom, set()).update(decl.reads)
            elif counts(rule):
                reads.update(decl.reads)
    todo = list(reads)
    while todo:
        for name in defined.get(todo.pop(), ()):
            if name not in reads:
                reads.add(name)
                todo.append(name)
    return reads


def joined(parts):
    """Several stylesheets' items as one, as if their texts were joined by
    a line break (that text, and any Trailing one, goes before the next
    part's first item). Parts with nothing but white space are left out."""
    out = []
    for items in parts:
        if not any(not isinstance(i, Trailing) or i.text.strip() for i in items):
            continue
        if out:
            before = "\n"
            if isinstance(out[-1], Trailing):
                before = out.pop().text + before
            items = [_after(items[0], before)] + items[1:]
        out.extend(items)
    return out


def _after(item, before):
    """`item` with the text `before` in front of it."""
    if isinstance(item, Rule):
        first = Selector(before + item.selectors[0].text, item.selectors[0].tokens)
        return replace(item, selectors=[first] + item.selectors[1:])
    if isinstance(item, Group):
        return replace(item, prelude=before + item.prelude)
    if isinstance(item, Comment):
        raise ValueError("a comment where two stylesheets meet: strip comments first (without_comments)")
    return replace(item, text=before + item.text)
