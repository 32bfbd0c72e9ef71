"""The offline editions for trainers, made from a built site:

    dist/phone-risk-check-<version>-offline.zip   the whole site, for file://
    dist/phone-risk-check-<version>-<lang>.html   one self-contained file per language
    dist/phone-risk-check-<version>-<lang>-small.html   the self-check and its steps only
    dist/RELEASE                                  the version and date, in both languages
    dist/SHA256SUMS                               checksums of all the above, in `sha256sum` format

With `--neutral` (`make bundle NEUTRAL=1`) the files are called
`notes-<version>-...` and the one-file editions get a neutral title, since a
file name shows in chat histories and file lists (docs/en/trainers.md).

`make bundle` builds the site, then runs this script. Everything is
reproducible: the version comes from mkdocs.yml (`extra.bundle_version`),
never the clock; zip entries are sorted, with one fixed timestamp and fixed
permissions, so two runs from the same commit give the same bytes.

The zip leaves out what a copy opened from disk never uses:
- source maps (`*.map`), which only developer tools read;
- the sitemaps, which are for search engines (the language switcher links
  pages directly, see alternate_links.py);
- each language's theme index (`search/search_index.json` and `.js`): search
  reads the small files of `search/lite/` instead (search-lite.js), over
  HTTP and from file:// alike;
- the 404 pages: only a web server shows them, and they use links from the
  server's root, which from file:// point at the root of the disk;
- `translate/`, the translators' status page (i18n/status_page.py): it is
  for the online site only.
- `downloads/` (made by `make release`, editions/downloads.py): a zip cannot
  hold its own checksum, and a copy on disk needs no download links.
"""
import argparse
import hashlib
import shutil
import zipfile
from pathlib import Path

from common import project_config
from editions import signing, single_file, small_edition

NAME = "phone-risk-check"
NEUTRAL_NAME = "notes"
# 1980-01-01, the earliest time a zip file can hold: no clock, no build date.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644

README = """\
Phone Risk Self-Check - offline edition {version}
=================================================

How to open it
--------------
1. Unzip this file. On a computer: right-click it and choose "Extract all"
   (Windows) or double-click it (macOS).
2. Open the folder "{folder}" and open index.html in a web browser.
   The Chinese edition starts at zh/index.html.
3. Everything works without an internet connection: all pages in both
   languages, search, and the private self-check.

On Android, use a file manager that can unzip, then open index.html with a
browser that can open local web pages. Phones often cannot follow links
between local files: if the pages do not open, use the single-file edition
({singles}) instead.

This copy stores nothing on your device and contacts no one. The file itself
can still be found on a device that someone inspects: delete the zip and the
folder when you no longer need them.

To check that your copy is unchanged, compare it with SHA256SUMS and check
the signature SHA256SUMS.sig (see the page "For trainers" in this copy:
trainers.html#verify, or better, on the website). The release's version and
date are in the file RELEASE, which the signature covers. The project's
signing key has this fingerprint:

    {fingerprint}

Compare it with the fingerprint you got another way (the project's website or
repository, or a person you trust), not only with this file.


手机风险自查 - 离线版 {version}
=================================================

怎样打开
--------
1. 先解压这个文件。在电脑上：右键点击，选“全部解压缩”（Windows），或者双击（macOS）。
2. 打开文件夹“{folder}”，用浏览器打开 zh/index.html（中文版）。
   英文版从 index.html 开始。
3. 不联网也能使用全部功能：中英文的所有页面、搜索，以及私密自查。

在安卓手机上，先用能解压的文件管理器解压，再用能打开本地网页的浏览器打开
zh/index.html。手机往往无法在本地文件之间跳转：如果页面打不开，请改用单文件版
（{singles}）。

这份副本不在你的设备上保存任何数据，也不联系任何第三方。但文件本身仍可能在别人
检查设备时被发现：不再需要时，请把压缩包和解压出来的文件夹都删掉。

要核对副本有没有被改过，请对照 SHA256SUMS，并验证签名 SHA256SUMS.sig（见本副本中
的“给培训者”一页：zh/trainers.html#verify，最好看网站上的那一页）。发布的版本号和
日期写在 RELEASE 文件里，签名也涵盖它。本项目签名密钥的指纹是：

    {fingerprint}

请拿它和你从别的途径得到的指纹比对（本项目的网站或代码仓库，或者你信得过的人），
不要只和这个文件比对。
"""


RELEASE = """\
{name} {version}
released: {date}

This is the release {version} of {date}. SHA256SUMS lists this file too, and
SHA256SUMS.sig signs that list, so the version and date here are the
project's. The newest release is the one on the website's downloads page.

本发布版本：{version}，发布日期：{date}。SHA256SUMS 也列出了这个文件，
SHA256SUMS.sig 是对这份清单的签名，所以这里的版本号和日期来自本项目。
最新的版本以网站下载页上的为准。
"""


def with_generated_readme(readme, config):
    """The README with a section for each generated language (繁體中文), converted
    from its source language's section (the Chinese one, after the English)."""
    from hant import edition

    generated = edition.generated(config)
    if not generated:
        return readme
    english, _, chinese = readme.partition("\n\n\n")
    sections = [readme]
    for code in generated:
        conv = edition.converter(str(project_config.PROJECT / (config.get("docs_dir") or "docs")), code)
        sections.append(conv.text(chinese.replace("zh/", code + "/")))
    return "\n\n\n".join(sections)


def names(version, codes, neutral=False):
    """File names in dist/, for a version and the language codes."""
    name = NEUTRAL_NAME if neutral else NAME
    return {
        "zip": f"{name}-{version}-offline.zip",
        "folder": f"{name}-{version}",
        "single": {code: f"{name}-{version}-{code}.html" for code in codes},
        "small": {code: f"{name}-{version}-{code}-small.html" for code in codes},
        "release": "RELEASE",
        "sums": "SHA256SUMS",
    }


def offline_files(site_dir):
    """Paths (relative, sorted) of the built site that the zip keeps."""
    site_dir = Path(site_dir)
    kept = []
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        if rel.endswith(".map") or rel.split("/")[-1] == "404.html":
            continue
        if rel.split("/")[-1] in ("sitemap.xml", "sitemap.xml.gz"):
            continue
        if rel.endswith(("search/search_index.json", "search/search_index.js")) or rel.startswith("translate/"):
            continue
        if rel.split("/")[0] == "downloads":
            continue
        kept.append(rel)
    return sorted(kept)


def _entry(name):
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.create_system = 3  # Unix, so that the permissions below mean something
    info.external_attr = (0o100000 | FILE_MODE) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_zip(site_dir, dest, folder, readme):
    """The site as one zip: a single top folder, README.txt first, files sorted."""
    entries = [("README.txt", readme.replace("\n", "\r\n").encode("utf-8"))]
    entries += [(rel, (Path(site_dir) / rel).read_bytes()) for rel in offline_files(site_dir)]
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for rel, data in entries:
            archive.writestr(_entry(f"{folder}/{rel}"), data, compresslevel=9)
    return Path(dest)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(dist, file_names):
    """SHA256SUMS in the format `sha256sum -c` and `shasum -a 256 -c` read."""
    lines = [f"{sha256(Path(dist) / name)}  {name}\n" for name in sorted(file_names)]
    path = Path(dist) / "SHA256SUMS"
    path.write_text("".join(lines), encoding="ascii", newline="\n")
    return path


def make_bundle(site_dir, dist, project=project_config.PROJECT, config_file=None, neutral=False):
    """Make every offline edition from the built `site_dir` into `dist`; return their paths."""
    project = Path(project)
    config = project_config.load(config_file or project / "mkdocs.yml")
    version = project_config.bundle_version(config)
    langs = project_config.languages(config)
    files = names(version, [code for code, _ in langs], neutral)
    dist = Path(dist)
    dist.mkdir(parents=True, exist_ok=True)
    # a release's signature and key copy (editions/release.py) belong to the old files
    stale = [dist / files["sums"], dist / (files["sums"] + ".sig"), dist / signing.ALLOWED_SIGNERS.name,
             dist / files["release"]]
    for old in list(dist.glob(f"{NAME}-*")) + list(dist.glob(f"{NEUTRAL_NAME}-*")) + stale:
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    readme = with_generated_readme(README, config)
    readme = readme.format(version=version, folder=files["folder"], singles=", ".join(files["single"].values()),
                           fingerprint=signing.project_fingerprint(project / signing.ALLOWED_SIGNERS.name))
    made = [write_zip(site_dir, dist / files["zip"], files["folder"], readme)]
    for code, prefix in langs:
        made.append(single_file.write(site_dir, config, code, prefix, version, dist / files["single"][code],
                                      neutral=neutral))
    for code, prefix in langs:
        made.append(small_edition.write(site_dir, config, code, prefix, version, dist / files["small"][code],
                                        neutral=neutral))
    release = dist / files["release"]
    release.write_text(RELEASE.format(name=NEUTRAL_NAME if neutral else NAME, version=version, date=project_config.release_date(config)),
                       encoding="utf-8", newline="\n")
    made.append(release)
    made.append(write_checksums(dist, [path.name for path in made]))
    return made


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", default="site", help="the built site (default: site)")
    parser.add_argument("--dist", default="dist", help="where to write the editions (default: dist)")
    parser.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration file")
    parser.add_argument("--neutral", action="store_true",
                        help="neutral file names and titles (notes-<version>-...), see docs/en/trainers.md")
    args = parser.parse_args(argv)
    config_file = Path(args.config).resolve()
    for path in make_bundle(Path(args.site_dir), Path(args.dist), config_file.parent, config_file, args.neutral):
        print(f"{path.stat().st_size:>9,} bytes  {path}")


if __name__ == "__main__":
    main()
