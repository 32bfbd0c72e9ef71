"""Readers shared by the build, the commands and the tests.

- md_source.py: a page's front matter, headings and ids, read from its Markdown;
- project_config.py: mkdocs.yml read without MkDocs (languages, version, strings);
- languages.py: which language's pass of the build is running.
"""
