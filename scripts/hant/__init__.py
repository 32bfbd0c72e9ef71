"""The Traditional Chinese edition (zh-Hant, Hong Kong usage), generated from
the Simplified pages at build time and never edited by hand.

- convert.py: the converter, OpenCC plus the project's phrase table;
- table.py: reads and checks the phrase table, docs/i18n/zh-hant.yml (its
  header explains each section; it is reviewed like content);
- edition.py: the build hooks: the language's settings and interface strings
  converted from zh's when the configuration is read, its pages added as
  virtual files (nothing is written into docs/), and the converted text for
  the modules that read other pages (Sources, self-check, settings atlas);
- review.py: the review record, docs/i18n/zh-hant-review.yml, and the
  notice "automatically converted" on every page not (or no longer) reviewed;
- search.py: search in Traditional (the segmenter learns the converted
  words; a query map turns a Simplified query typed on a zh-Hant page).

Why OpenCC's s2hk configuration, plus the table (measured on docs/zh/ and
docs/atlas/zh/, 21 files, 61,519 Han characters, OpenCC 1.4.2):

- s2twp (Taiwan phrases) is out: it rewrites PRC law titles and agency
  names (《網路安全法》, 國家網際網路資訊辦公室) and over-converts
  (权限 → 許可權, 注销账号 → 登出), as issue 27 measured.
- s2t and s2hk convert the same words and differ only in glyph standards:
  827 characters differ, all of them s2t's "orthodox" forms against the
  Hong Kong standard forms Hong Kong readers see every day: 爲/為 (255),
  戶/户 (214), 說/説 (124), 覈/核 (101: s2t writes 核对 as 覈對), 臺/台 (90),
  閱/閲 (23), 衆/眾, 衛/衞, 纔/才, 鉤/鈎, 僞/偽. With s2t the table would need
  hundreds of entries just to undo 覈 and 纔; with s2hk it needs none.
- Neither changes vocabulary (設置 ×179, 賬號 ×249 stay), which the table
  does; and the titles in 《》 come out as their plain character conversion
  under either (4 of the 35 titles differ only by 户/戶 and 衞/衛); the
  edition uses s2hk's forms throughout, titles included, so that one page
  never mixes two glyph standards.

Conversion order, protected spans and guards: convert.py.
"""
