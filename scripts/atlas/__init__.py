"""The settings atlas: where each protective switch is on each phone system.

Its data lives in docs/atlas/: atlas.yml lists the systems and tasks (language-
neutral), docs/atlas/<lang>/<system>.yml holds each language's entries (the
menu path as that phone shows it, or an honest "not found" with words to search
for, the version checked, the date and the source), and
docs/atlas/<lang>/tasks.yml the task titles and labels.

- data.py: reads and checks it (the build fails naming the file and the id):
  the schema of each entry, English against each translation, and the
  content-farm domains of docs/atlas/deny-domains.yml;
- render.py: one entry as Markdown or HTML (every data string escaped), and
  the tabs for a task;
- status.py: `make atlas-status`, per system the paths citing the maker, a
  third party or a phone, and the tasks with no path;
- page.py: the build hook that puts the tabs where a page has `<!-- atlas: TASK -->`
  and the whole atlas where it has `<!-- atlas: systems -->`.
"""
