/*
 * The self-check on check.html: turns the answers on the page into levels
 * and steps. The rules and the words come from the page itself (the JSON in
 * #self-check-data, written at build time from docs/selfcheck/rules.yml and
 * the page's check.md), and every step's how-to is already in the page (the
 * <details> in .sc-store); this file only applies the rules, the same way as
 * `score` in scripts/selfcheck/rules.py. On any other page it does nothing.
 *
 * Nothing leaves the page or outlives it: no storage, no network, nothing in
 * the address. The answers are cleared whenever the page is shown (also when
 * the browser brings it back from its back/forward cache) and when it is left.
 * Links to other pages open in a new tab (set at build time in the page, and
 * here for the header, the menu, the footer and search results), so reading a
 * guide never takes this page and its answers away. The quick exit
 * (reading-safety.js) is the one link that leaves in this tab.
 */
(function () {
  "use strict";
  var form = document.getElementById("self-check");
  var dataNode = document.getElementById("self-check-data");
  var result = document.getElementById("self-check-result");
  if (!form || !dataNode || !result) return;

  var data = JSON.parse(dataNode.textContent);
  var words = data.words;
  var out = result.querySelector(".sc-out");
  var bar = form.querySelector(".sc-bar");
  var steps = {};
  var stepOrder = {};
  data.steps.forEach(function (step, i) {
    steps[step.id] = step;
    stepOrder[step.id] = i;
  });

  /* Links that stay in this document (the one-file edition turns links to
     other pages into #fragments) need no new tab. */
  Array.prototype.forEach.call(document.querySelectorAll('a[target="_blank"][href^="#"]'), function (a) {
    a.removeAttribute("target");
    a.removeAttribute("rel");
  });

  /* Any other link that would take this page away in this tab (the header,
     the menu, the footer, search results added later) opens a new tab, like
     the links in the page: the answers stay. Links within this page stay. */
  function keepsThePage(a) {
    if (!a || a.hasAttribute("data-quick-exit") || a.getAttribute("target")) return true;
    var href = a.getAttribute("href") || "";
    if (href.charAt(0) === "#") return true;
    var url = a.href.split("#")[0], here = location.href.split("#")[0];
    return url === here;
  }
  function toNewTab(a) {
    if (keepsThePage(a)) return;
    a.setAttribute("target", "_blank");
    a.setAttribute("rel", ((a.getAttribute("rel") || "") + " noopener").replace(/^ /, ""));
  }
  Array.prototype.forEach.call(document.querySelectorAll("a[href]"), toNewTab);
  document.addEventListener("click", function (event) {
    var node = event.target;
    while (node && node.nodeName !== "A") node = node.parentNode;
    if (node && node.hasAttribute && node.hasAttribute("href")) toNewTab(node);
  }, true);

  /* Opened as a file, the quick exit may not reach other tabs: say so. */
  var fileNote = document.querySelector(".sc-exit-file");
  if (fileNote && location.protocol === "file:") fileNote.hidden = false;

  /* Every step's how-to, written at build time; shown without JavaScript,
     copied from here into the result with it. */
  var store = {};
  var storeNode = out.querySelector(".sc-store");
  if (storeNode) {
    Array.prototype.forEach.call(storeNode.querySelectorAll("details.sc-step"), function (node) {
      store[node.getAttribute("data-step")] = node;
    });
    // The small offline edition keeps the list of every step (data-keep):
    // its step links lead there. It goes after the reader's own result.
    if (!storeNode.hasAttribute("data-keep")) storeNode.parentNode.removeChild(storeNode);
  }

  function given() {
    var raw = {};
    data.questions.forEach(function (q) {
      var checked = form.querySelector('input[name="' + q.id + '"]:checked');
      if (checked) raw[q.id] = checked.value;
    });
    return raw;
  }

  /* True when one of the (question: [options]) conditions matches. */
  function matches(conditions, answers) {
    return Object.keys(conditions).some(function (qid) {
      return conditions[qid].indexOf(answers[qid]) >= 0;
    });
  }

  /* The answers that count, in question order, and the questions that apply. */
  function effective(raw) {
    var answers = {}, applies = [];
    data.questions.forEach(function (q) {
      if (matches(q.skipIf, answers)) return;
      applies.push(q.id);
      if (raw[q.id] !== undefined) answers[q.id] = raw[q.id];
    });
    return { answers: answers, applies: applies };
  }

  function systemFor(answers) {
    for (var i = 0; i < data.systems.length; i++) {
      var when = data.systems[i]["if"];
      var all = Object.keys(when).every(function (qid) { return when[qid].indexOf(answers[qid]) >= 0; });
      if (all) return data.systems[i].id;
    }
    return null;
  }

  function levelFor(points, area) {
    if (points >= area.higher) return "higher";
    if (points >= area.medium) return "medium";
    return "lower";
  }

  /* The plan for a set of answers, exactly as `score` in
     scripts/selfcheck/rules.py (the header of rules.yml explains it). */
  function score(raw) {
    var eff = effective(raw);
    var answers = eff.answers;
    var points = {}, answeredIn = {}, calls = {}, answered = 0;
    var lowest = data.urgency.length;
    data.areas.forEach(function (a) { points[a.id] = 0; answeredIn[a.id] = 0; });
    data.questions.forEach(function (q) {
      var option = q.options.filter(function (o) { return o.id === answers[q.id]; })[0];
      if (!option) return;
      points[q.area] += option.risk;
      answeredIn[q.area] += 1;
      answered += 1;
      var urgency = data.urgency.indexOf(option.urgency);
      option.steps.forEach(function (id) {
        var call = calls[id] || (calls[id] = { rank: lowest, risk: -1, count: 0 });
        if (urgency < call.rank || (urgency === call.rank && option.risk > call.risk)) {
          call.rank = urgency;
          call.risk = option.risk;
        }
        call.count += 1;
      });
    });
    var areas = {}, overall = -1;
    data.areas.forEach(function (a) {
      areas[a.id] = answeredIn[a.id] ? levelFor(points[a.id], a) : null;
      if (areas[a.id]) overall = Math.max(overall, data.levels.indexOf(areas[a.id]));
    });
    if (answered < data.levelAfter) overall = -1;
    var system = systemFor(answers);
    var ranked = Object.keys(calls).filter(function (id) {
      return !matches(steps[id].skipIf, answers);
    }).sort(function (x, y) {
      return calls[x].rank - calls[y].rank ||
        (calls[y].risk + steps[y].weight) - (calls[x].risk + steps[x].weight) ||
        calls[y].count - calls[x].count || stepOrder[x] - stepOrder[y];
    });
    var groups = {};
    data.when.forEach(function (group) { groups[group] = []; });
    ranked.forEach(function (id) {
      var step = steps[id], group;
      if (step.kind === "read") group = "read";
      else if (groups.now.length < data.showNow && step.unavailable.indexOf(system) < 0) group = "now";
      else if (groups.week.length < data.showWeek) group = "week";
      else group = "later";
      groups[group].push(id);
    });
    var inOrder = [], when = {};
    data.when.forEach(function (group) {
      groups[group].forEach(function (id) { inOrder.push(id); when[id] = group; });
    });
    return {
      answered: answered, applies: eff.applies, areas: areas,
      overall: overall < 0 ? null : data.levels[overall],
      steps: inOrder, when: when, system: system, boxes: boxesFor(inOrder, answers, system)
    };
  }

  /* Each atlas task's menu paths once: under the first step shown that lists it. */
  function boxesFor(shown, answers, system) {
    var used = {}, boxes = {};
    if (system === null) return boxes;
    shown.forEach(function (id) {
      data.boxes.forEach(function (box) {
        if (box.step !== id || used[box.task]) return;
        if (Object.keys(box["if"]).length && !matches(box["if"], answers)) return;
        if (matches(box.unless, answers)) return;
        used[box.task] = true;
        (boxes[id] || (boxes[id] = [])).push(box.task);
      });
    });
    return boxes;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A word with {placeholders} filled by text or by elements. */
  function fill(template, values) {
    var fragment = document.createDocumentFragment();
    template.split(/\{([a-z]+)\}/).forEach(function (part, i) {
      if (i % 2 === 0) {
        if (part) fragment.appendChild(document.createTextNode(part));
      } else {
        var value = values[part];
        fragment.appendChild(typeof value === "object" ? value : document.createTextNode(String(value)));
      }
    });
    return fragment;
  }

  /* Is a part marked data-on="system ids" for this reader's phone? With no
     phone chosen every part shows; "other" is a phone of no listed system. */
  function forPhone(node, system, makerKnown) {
    var on = (node.getAttribute("data-on") || "").split(/\s+/);
    if (!makerKnown) return true;
    return on.indexOf(system === null ? "other" : system) >= 0;
  }

  /* One step of the result: its <details> from the store, with the menu
     paths of the reader's phone for the tasks this step shows (none without
     a phone system: the general how-to only), and the parts of the how-to
     meant for other phones hidden. Each step's copy is made once and kept
     (copying every how-to again at each answer made a tap slow on a slow
     phone); each render sets it as a new copy would be: open or closed as in
     the store (closed), showing what this phone and these answers call for. */
  var items = {};
  function setHidden(node, hidden) {
    if (node.hidden !== hidden) node.hidden = hidden;
  }
  function stepItem(id, when, r, makerKnown) {
    var made = items[id];
    if (!made) {
      var item = el("li");
      item.setAttribute("data-step", id);
      var source = store[id];
      made = items[id] = { item: item, source: source, details: null };
      if (source) {
        var details = made.details = source.cloneNode(true);
        details.removeAttribute("id");  // the step links lead to the kept list
        made.atlas = details.querySelectorAll(".sc-atlas");
        made.parts = details.querySelectorAll(".sc-howto [data-on]");
        made.unavailable = details.querySelectorAll(".sc-unavailable");
        item.appendChild(details);
      } else {
        item.appendChild(el("span", "sc-title", steps[id].title));
      }
    }
    setAttr(made.item, "data-when", when);
    if (made.details) {
      var tasks = r.boxes[id] || [];
      if (made.details.open !== made.source.open) made.details.open = made.source.open;
      Array.prototype.forEach.call(made.atlas, function (node) {
        setHidden(node, node.getAttribute("data-system") !== r.system ||
          tasks.indexOf(node.getAttribute("data-task")) < 0);
      });
      Array.prototype.forEach.call(made.parts, function (node) {
        setHidden(node, !forPhone(node, r.system, makerKnown));
      });
      Array.prototype.forEach.call(made.unavailable, function (node) {
        setHidden(node, r.system === null || node.getAttribute("data-on").split(" ").indexOf(r.system) < 0);
      });
    }
    return made.item;
  }

  /* Questions that do not apply after earlier answers are hidden (their
     answers stay, and count again if the earlier answer changes). */
  function showApplying(applies) {
    data.questions.forEach(function (q) {
      var node = document.getElementById("q-" + q.id);
      if (node) setHidden(node, applies.indexOf(q.id) < 0);
    });
  }

  /* The result is changed in place: each part of it is made once and kept,
     and a render moves, fills and sets only what differs from the last one.
     Taking the whole result out and putting it back at every answer made
     the browser restyle, lay out and paint all of it again, which on a slow
     phone took longer than the answering itself. The result is the same as
     a fresh one would be (tests/test_selfcheck_browser.py compares them). */
  function setAttr(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }
  /* `nodes` as the children of `parent`, in this order, moving only what is
     out of place. */
  function place(parent, nodes) {
    Array.prototype.slice.call(parent.childNodes).forEach(function (child) {
      if (nodes.indexOf(child) < 0) parent.removeChild(child);
    });
    var at = parent.firstChild;
    nodes.forEach(function (node) {
      if (node === at) at = at.nextSibling;
      else parent.insertBefore(node, at);
    });
  }
  /* A node's content from fill(), made again only when `key` changes. */
  function setFilled(node, key, make) {
    if (node.scFilled === key) return;
    node.scFilled = key;
    node.textContent = "";
    node.appendChild(make());
  }
  var parts = {};
  function part(key, tag, className) {
    return parts[key] || (parts[key] = el(tag, className));
  }
  function setLevel(node, level, text) {
    setText(node, text);
    setAttr(node, "data-level", level || "none");
  }
  var areaItems = {};
  function areaItem(a, level) {
    var made = areaItems[a.id];
    if (!made) {
      made = areaItems[a.id] = { item: el("li"), level: el("strong", "sc-level") };
      made.item.setAttribute("data-area", a.id);
      made.item.appendChild(el("span", "sc-area-name", data.areaNames[a.id]));
      made.item.appendChild(document.createTextNode(" "));
      made.item.appendChild(made.level);
    }
    setAttr(made.item, "data-level", level || "none");
    setLevel(made.level, level, level ? words[level] : words["not-answered"]);
    return made.item;
  }
  /* Each group of steps: its list, and a title (now, this week) or a fold
     (later, to understand: the plan stays short), closed at every render as
     a new one would be. */
  var groupParts = {};
  function groupPart(group) {
    var made = groupParts[group];
    if (!made) {
      var list = el(group === "now" ? "ol" : "ul", "sc-steps");
      list.setAttribute("data-when", group);
      made = groupParts[group] = { list: list };
      if (group === "now" || group === "week") {
        made.head = el("h3", "sc-group-title", words[group + "-steps"]);
        made.head.setAttribute("data-when", group);
        made.nodes = [made.head, list];
      } else {
        made.head = el("details", "sc-fold");
        made.head.setAttribute("data-when", group);
        made.summary = made.head.appendChild(el("summary", "sc-group-title"));
        made.summary.setAttribute("data-when", group);
        made.head.appendChild(list);
        made.nodes = [made.head];
      }
    }
    return made;
  }

  function render() {
    var raw = given();
    var r = score(raw);
    var makerKnown = r.applies.indexOf("maker") >= 0 && raw.maker !== undefined;
    showApplying(r.applies);
    var total = String(r.applies.length);
    var keep = storeNode && storeNode.hasAttribute("data-keep") ? [storeNode] : [];
    if (!r.answered) {
      setText(part("empty", "p", "sc-empty"), words["no-answers"]);
      place(out, [parts.empty].concat(keep));
      setHidden(bar, true);
      return;
    }
    var shown = [];
    var answeredNode = part("answered", "p", "sc-answered");
    setFilled(answeredNode, r.answered + "/" + total, function () {
      return fill(words.answered, { answered: r.answered, total: total });
    });
    shown.push(answeredNode);
    var overall = part("overall", "p", "sc-overall");
    setAttr(overall, "data-level", r.overall || "none");
    shown.push(overall);
    /* One answer says nothing about a reader: no level until enough are given. */
    var pending = fill(words["too-few"], { count: data.levelAfter }).textContent;
    var levelNode = part("level", "strong", "sc-level");
    setLevel(levelNode, r.overall, r.overall ? words[r.overall] : pending);
    setFilled(overall, "overall", function () { return fill(words.overall, { level: levelNode }); });
    if (r.overall) {
      var rank = function (a) { return data.levels.indexOf(r.areas[a.id]); };
      var areas = part("areas", "ul", "sc-areas");
      place(areas, data.areas.slice().sort(function (a, b) {
        return rank(b) - rank(a) || data.areas.indexOf(a) - data.areas.indexOf(b);
      }).map(function (a) { return areaItem(a, r.areas[a.id]); }));
      shown.push(areas);
    }

    if (!r.steps.length) {
      shown.push(part("noSteps", "p", "sc-no-steps"));
      setText(parts.noSteps, words["no-steps"]);
    } else {
      data.when.forEach(function (group) {
        var ids = r.steps.filter(function (id) { return r.when[id] === group; });
        if (!ids.length) return;
        var made = groupPart(group);
        if (made.summary) {
          if (made.head.open) made.head.open = false;
          setText(made.summary, words[group + "-steps"] + " (" + ids.length + ")");
        }
        place(made.list, ids.map(function (id) { return stepItem(id, group, r, makerKnown); }));
        shown.push.apply(shown, made.nodes);
      });
    }
    shown.push(part("note", "p", "sc-note"));
    setText(parts.note, words.note);
    place(out, shown.concat(keep));

    setHidden(bar, false);
    setText(bar.querySelector(".sc-bar-text"), fill(words.bar, {
      level: r.overall ? words[r.overall] : pending, answered: r.answered, total: total
    }).textContent);
  }

  /* Like form.reset() (which the button does without JavaScript), but the
     result follows at once. */
  function clear() {
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
      input.checked = false;
    });
    render();
  }

  form.addEventListener("change", render);
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    clear();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  bar.querySelector(".sc-see").addEventListener("click", function () {
    result.scrollIntoView({ block: "start" });
  });
  /* A printed result is a plan to keep: print every step opened, then put
     them back as they were. */
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(out.querySelectorAll("details.sc-step:not([open]), details.sc-fold:not([open])"), function (node) {
      node.open = true;
      node.setAttribute("data-print-open", "");
    });
  });
  window.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(out.querySelectorAll("details[data-print-open]"), function (node) {
      node.open = false;
      node.removeAttribute("data-print-open");
    });
  });
  window.addEventListener("pageshow", clear);
  window.addEventListener("pagehide", clear);
  clear();
})();
