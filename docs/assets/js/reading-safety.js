/*
 * Reading safely, on every page of the site and in the one-file editions.
 *
 * Quick exit: the control marked `data-quick-exit` (a plain link in the
 * page's header bar, overrides/main.html, so it also works without
 * JavaScript), or Esc pressed twice, clears the page's forms (the
 * self-check's answers, the search box), blanks the page at once and
 * replaces it with a neutral page using location.replace, so that Back does
 * not return to it. The neutral page is the site's own assets/blank.html
 * (empty, nothing about this site, works from file://); the one-file
 * edition has no header bar and no other file, so this script adds the
 * control there and leaves for about:blank, the browser's own empty page.
 * Every other open tab of the site does the same at once: the tab that
 * exits tells them on a BroadcastChannel, which carries the one message
 * between tabs of the same site and stores nothing. Opened as files
 * (file://), browsers may keep tabs apart, so there it may reach no other
 * tab; the self-check says so on its page.
 *
 * Browser notice: inside WeChat, QQ, UC, Baidu, Quark or a phone maker's own
 * browser (recognised from navigator.userAgent), a short notice in the
 * page's language, marked `data-browser-notice`, that can be hidden for this
 * page only. It shows again on the next page load: nothing is stored.
 *
 * The words come from docs/i18n/ui.<lang>.yml, per language; the build
 * writes them in below (scripts/postbuild/reading_safety_strings.py). Nothing here
 * reads or writes browser storage or contacts anyone.
 */
(function () {
  "use strict";
  var STRINGS = /*READING_SAFETY_STRINGS*/{};
  /* The page's language, or the nearest one that has words: zh-Hant-HK
     (the Traditional edition) finds zh-Hant, zh-Hans finds zh. */
  var tag = (document.documentElement.getAttribute("lang") || "en").split("-");
  var lang = "en";
  for (var n = tag.length; n > 0; n--) {
    if (STRINGS[tag.slice(0, n).join("-")]) { lang = tag.slice(0, n).join("-"); break; }
  }
  var words = STRINGS[lang] || {};

  /* Browsers that can report the pages opened in them: in-app browsers of
     chat and super apps, Chinese browsers, and phone makers' own browsers. */
  var REPORTING = [
    /MicroMessenger\//i,          // WeChat (Weixin)
    /\bQQ\/\d/,                   // the QQ app's in-app browser
    /MQQBrowser|QQBrowser/,       // QQ Browser (also inside WeChat on Android)
    /UCBrowser|UCWEB|\bUBrowser\//, // UC Browser
    /baiduboxapp|baidubrowser|bdbrowser|BIDUBrowser/i, // Baidu app and browser
    /\bQuark\//,                  // Quark
    /HuaweiBrowser|\bHBPC\//,     // Huawei Browser
    /MiuiBrowser|XiaoMi\/|\bMint Browser/, // Xiaomi's browsers
    /HeyTapBrowser|OppoBrowser/i, // OPPO / HeyTap (also OnePlus, realme)
    /VivoBrowser/i                // vivo
  ];

  function reportingBrowser(ua) {
    for (var i = 0; i < REPORTING.length; i++) {
      if (REPORTING[i].test(ua)) return true;
    }
    return false;
  }

  /* ---- Quick exit ---- */
  var control = document.querySelector("[data-quick-exit]");
  var target = control && control.href ? control.href : "about:blank";
  if (!control && words.quick_exit) {
    control = document.createElement("button");
    control.type = "button";
    control.className = "rs-exit";
    control.setAttribute("data-quick-exit", "");
    control.textContent = words.quick_exit;
    if (words.quick_exit_title) control.title = words.quick_exit_title;
    /* No header here: the button gets a band of its own at the bottom of
       the screen, so that it never sits over the text. */
    var band = document.createElement("div");
    band.className = "rs-band";
    band.appendChild(control);
    document.body.insertBefore(band, document.body.firstChild);
    document.body.classList.add("rs-has-band");
  }

  function clearPage() {
    Array.prototype.forEach.call(document.forms, function (form) {
      try { form.reset(); } catch (e) { /* keep going */ }
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.type === "radio" || field.type === "checkbox") field.checked = false;
        else if (field.type === "text" || field.type === "search") field.value = "";
      });
    });
    document.title = "";
    document.documentElement.style.setProperty("display", "none");
  }

  var gone = false;
  function leave() {
    if (gone) return; // once: a second replace would cancel the first
    gone = true;
    location.replace(target);
  }

  /* The other tabs of this site: one message, "exit", and nothing kept. */
  var channel = null;
  try {
    if (typeof BroadcastChannel === "function") channel = new BroadcastChannel("quick-exit");
  } catch (e) { channel = null; }  // an opaque origin (some file:// pages) refuses it
  function tellOtherTabs() {
    if (!channel) return;
    try { channel.postMessage("exit"); } catch (e) { /* keep going */ }
  }
  if (channel) {
    channel.onmessage = function (event) {
      if (event.data !== "exit") return;
      clearPage();
      leave();
    };
  }

  function quickExit(event) {
    if (event) event.preventDefault();
    clearPage();
    tellOtherTabs();
    leave();
  }

  if (control) control.addEventListener("click", quickExit);

  /* Esc twice within a second. The page is cleared at the second keydown,
     but left only when that key is released: Firefox stops loading the page
     on Esc, which would cancel a navigation started on keydown. */
  var lastEscape = 0;
  var leaving = false;
  function isEscape(event) { return event.key === "Escape" || event.key === "Esc"; }
  document.addEventListener("keydown", function (event) {
    if (!isEscape(event)) return;
    var now = Date.now();
    if (now - lastEscape < 1000 && !leaving) {
      event.preventDefault();
      leaving = true;
      clearPage();
      tellOtherTabs();
      setTimeout(leave, 500); // if no keyup comes
    }
    lastEscape = now;
  }, true);
  document.addEventListener("keyup", function (event) {
    if (leaving && isEscape(event)) leave();
  }, true);

  /* ---- Notice in browsers that report what you read ---- */
  if (!words.browser_notice || !reportingBrowser(navigator.userAgent || "")) return;
  var notice = document.createElement("div");
  notice.className = "rs-notice";
  notice.setAttribute("data-browser-notice", "");
  notice.setAttribute("role", "note");
  notice.setAttribute("lang", lang);
  var text = document.createElement("p");
  text.textContent = words.browser_notice;
  var hide = document.createElement("button");
  hide.type = "button";
  hide.textContent = words.browser_notice_hide || "×";
  hide.addEventListener("click", function () {
    notice.parentNode.removeChild(notice);
  });
  notice.appendChild(text);
  notice.appendChild(hide);
  var bar = document.querySelector("[data-reading-bar]");
  if (bar) bar.parentNode.insertBefore(notice, bar.nextSibling);
  else {
    var bandNode = document.querySelector("body > .rs-band");
    document.body.insertBefore(notice, bandNode ? bandNode.nextSibling : document.body.firstChild);
  }
})();
