"""The generated edition in the MkDocs build, and its pages read by the other
build modules.

A language is generated when its entry in mkdocs.yml (plugins > i18n >
languages) says `extra: {generated_from: <code>}`. It has no folder in docs/:

- configure() (on_config, before the i18n plugin's): its site name,
  description, copyright, palette toggle names and navigation titles are the
  source language's, converted, overlaid with its own entry in mkdocs.yml
  (its interface strings are common/ui_strings.py's: the source language's
  file docs/i18n/ui.<code>.yml, converted, with the few of its own that
  mkdocs.yml gives under its `extra.ui`: html_lang, home, the notice);
- add_pages() (on_files, after the i18n plugin's, in the generated
  language's pass only): the plugin has put the default language's pages
  there as fallbacks (zh-Hant/x.html built from en/x.md); each one whose
  source-language page exists is replaced by a virtual file
  (mkdocs.structure.files.File.generated) with src_uri zh-Hant/x.md, the
  same address, and the converted Markdown as its content. Nothing is
  written into docs/; `mkdocs serve` rebuilds it on every change, since the
  i18n plugin runs every pass's on_files again;
- read_page() gives the converted text to the modules that read other pages
  (the Sources page, the self-check cross-check, the atlas).
"""
import copy
import os

from hant import convert

KEY = "generated_from"


def language_entries(config):
    """(code, language settings) for each language of mkdocs.yml, from an
    MkDocs config or from mkdocs.yml read as a dict."""
    plugins = getattr(config, "plugins", None)
    if plugins is not None and hasattr(plugins, "get") and plugins.get("i18n") is not None:
        return [(lang.locale, lang) for lang in plugins.get("i18n").config.languages]
    from common import project_config

    return [(lang.get("locale"), lang) for lang in project_config.i18n(config).get("languages") or []]


def generated(config):
    """{code: source code} of the generated languages."""
    found = {}
    for code, lang in language_entries(config):
        extra = lang.get("extra") or {}
        if extra.get(KEY):
            found[code] = extra[KEY]
    return found


def table_path(docs_dir, code):
    return os.path.join(docs_dir, "i18n", f"{code.lower()}.yml")


def converter(docs_dir, code):
    return convert.for_table(table_path(docs_dir, code))


def _generated_from_docs(docs_dir):
    """The generated languages, from the mkdocs.yml beside docs_dir (for callers without a config)."""
    from common import project_config

    path = os.path.join(os.path.dirname(os.path.abspath(docs_dir)), "mkdocs.yml")
    if not os.path.isfile(path):
        return {}
    return generated(project_config.load(path))


def source_of(docs_dir, lang):
    """The language `lang` is generated from, or None."""
    return _generated_from_docs(docs_dir).get(lang)


def read_page(docs_dir, lang, name, spans=None):
    """The converted Markdown of page `name` in generated language `lang`, or
    None (not a generated language, or no such source page)."""
    source = source_of(docs_dir, lang)
    if not source:
        return None
    path = os.path.join(docs_dir, source, name)
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return converter(docs_dir, lang).markdown(f.read(), spans)


# --- configuration --------------------------------------------------------------

CONVERTED = ("site_name", "site_description", "copyright")


def convert_value(value, conv):
    if isinstance(value, str):
        return conv.text(value)
    if isinstance(value, list):
        return [convert_value(v, conv) for v in value]
    if isinstance(value, dict):
        return {k: convert_value(v, conv) for k, v in value.items()}
    return value


def generated_settings(source, own, conv):
    """The settings of a generated language: the source's, converted, with
    `own` (the generated language's own entry) laid over them."""
    settings = {}
    for key in CONVERTED:
        if source.get(key):
            settings[key] = conv.text(source[key])
    if source.get("nav_translations"):
        settings["nav_translations"] = convert_value(dict(source["nav_translations"]), conv)
    if source.get("theme"):
        settings["theme"] = convert_value(copy.deepcopy(dict(source["theme"])), conv)
    extra = convert_value(copy.deepcopy(dict(source.get("extra") or {})), conv)
    extra.update(own.get("extra") or {})
    settings["extra"] = extra
    for key in CONVERTED + ("nav_translations", "theme"):
        if own.get(key):
            settings[key] = own[key]
    return settings


def _source_settings(config, code):
    for lang_code, lang in language_entries(config):
        if lang_code == code:
            return lang
    raise ValueError(f"mkdocs.yml: a language is generated from '{code}', which is not one of the languages")


_originals = {}


def configure(config):
    """MkDocs on_config (before the i18n plugin's): fill in each generated language."""
    for code, source in generated(config).items():
        lang = _source_settings(config, code)
        original = _originals.setdefault((id(config), code), {k: copy.deepcopy(lang.get(k)) for k in
                                                              CONVERTED + ("nav_translations", "theme", "extra")})
        source_lang = _source_settings(config, source)
        settings = generated_settings(source_lang, original, converter(config.docs_dir, code))
        for key, value in settings.items():
            lang[key] = value
    return config


# --- pages ----------------------------------------------------------------------

def add_pages(files, config):
    """MkDocs on_files (after the i18n plugin's): in a generated language's pass,
    its pages become virtual files holding the converted Markdown."""
    from mkdocs.structure.files import File

    from common import languages

    code = languages.current(config)
    source = generated(config).get(code)
    if not source:
        return files
    conv = converter(config.docs_dir, code)
    default = languages.default(config)
    for old in list(files.documentation_pages()):
        name = getattr(old, "norm_src_uri", None) or old.src_uri.split("/", 1)[-1]
        path = os.path.join(config.docs_dir, source, name)
        if not old.src_uri.startswith((default + "/", code + "/")) or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            content = conv.markdown(f.read())
        new = File.generated(config, f"{code}/{name}", content=content, inclusion=old.inclusion)
        new.dest_uri = old.dest_uri
        new.url = old.url
        new.abs_dest_path = old.abs_dest_path
        new.alternates = dict(getattr(old, "alternates", {}) or {})
        new.alternates[code] = new
        new.locale = code
        new.locale_alternate_of = code
        new.localization = code
        new.norm_src_uri = name
        files.remove(old)
        files.append(new)
    plugin = config.plugins.get("i18n")
    if plugin is not None:
        plugin.i18n_files_per_language[code] = files.documentation_pages()
    return files


# --- the settings atlas ---------------------------------------------------------

def convert_atlas(atlas, conv, spans=None):
    """A generated language's settings atlas: the source language's (data.load()
    shape, already checked), converted. Menu paths and search words take the
    Hong Kong labels of the phrase table for their system; source titles and
    publishers are converted characters only (they name the source as it is).
    Where a path uses a Hong Kong label not confirmed by a source, the note
    says so (the table's `atlas_note`). The systems of mainland models (the
    table's `mainland_menus`) keep their paths and search words in Simplified
    Chinese, as those phones show them, with the table's note saying why. `spans` collects the protected parts
    of the output (convert.py), for the tests."""
    table = conv.table
    unknown = sorted(set(table.mainland_systems) - set(atlas["systems"]))
    if unknown:
        raise ValueError(f"{os.path.basename(table.path)}: mainland_menus names no atlas system "
                         f"{', '.join(unknown)}")
    out = dict(atlas)
    out.update({"tasks": {task: conv.text(title) for task, title in atlas["tasks"].items()},
                "labels": {key: conv.text(str(value)) for key, value in atlas["labels"].items()},
                "systems": {}})
    for system, body in atlas["systems"].items():
        entries = {}
        for task, entry in body["entries"].items():
            new = dict(entry)
            for key in ("keyboard", "note", "version", "not_found"):
                if isinstance(entry.get(key), str):
                    new[key] = conv.text(entry[key], system=system, spans=spans)
            mainland = system in table.mainland_systems
            for key in ("path", "search"):
                if isinstance(entry.get(key), str):
                    if mainland:
                        # a mainland model's menus are in Simplified Chinese:
                        # the words as the phone shows them, not converted
                        new[key] = entry[key]
                        if spans is not None:
                            spans.append(entry[key])
                    else:
                        new[key] = conv.text(entry[key], system=system, spans=spans)
            if mainland and (entry.get("path") or entry.get("search")):
                new["note"] = (new["note"] + " " + table.mainland_note) if new.get("note") else table.mainland_note
            unconfirmed = [label.hant for label in table.menu_labels
                           if not label.confirmed and (not label.systems or system in label.systems)
                           and any(label.zh in str(entry.get(key) or "") and label.hant in new.get(key, "")
                                   for key in ("path", "search"))]
            unconfirmed = [label for label in dict.fromkeys(unconfirmed)
                           if not any(label != other and label in other for other in unconfirmed)]
            if unconfirmed and table.atlas_note:
                note = table.atlas_note.format(labels="、".join(dict.fromkeys(unconfirmed)))
                new["note"] = (new["note"] + " " + note) if new.get("note") else note
            if isinstance(entry.get("source"), dict):
                source = dict(entry["source"])
                for key in ("title", "publisher"):
                    source[key] = conv.chars(str(source[key]), spans)
                if source.get("date") == "undated":
                    source["date"] = "undated"
                new["source"] = source
            entries[task] = new
        out["systems"][system] = dict(body, name=conv.text(body["name"]), short=conv.text(body["short"]),
                                      entries=entries)
    return out
