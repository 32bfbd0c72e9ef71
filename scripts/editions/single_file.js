/* Part of the one-file offline edition (see single_file.py). Links that the
   page's own scripts create at run time, such as a self-check result linking
   to "protect.html#keyboard", are pointed at their place in this file
   ("#protect--keyboard"). It reads and stores nothing. */
(function () {
  var pages = __PAGES__;
  function target(link) {
    var href = link.getAttribute("href");
    if (!href || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return null;
    var match = /^(?:\.\/)?([^\/?#]*)(?:#(.*))?$/.exec(href);
    if (!match) return null;
    var key = match[1] ? pages[match[1]] : null;
    var frag = match[2] ? decodeURIComponent(match[2]) : "";
    if (match[1] && !key) return null;
    if (!match[1]) {
      if (!frag || document.getElementById(frag)) return null;
      var section = link.closest("section.page");
      if (!section) return null;
      key = section.id;
    }
    var id = frag ? key + "--" + frag : key;
    return document.getElementById(id) ? "#" + id : null;
  }
  function fix(node) {
    if (node.nodeType !== 1) return;
    var links = node.matches("a[href]") ? [node] : node.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var to = target(links[i]);
      if (to) links[i].setAttribute("href", to);
    }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) { record.addedNodes.forEach(fix); });
  }).observe(document.body, { childList: true, subtree: true });
})();
