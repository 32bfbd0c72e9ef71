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
 * Links to other pages open in a new tab (set at build time), so reading a
 * guide never takes this page and its answers away.
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

  function score(raw) {
    var eff = effective(raw);
    var answers = eff.answers;
    var points = {}, answeredIn = {}, calls = {}, answered = 0;
    data.areas.forEach(function (a) { points[a.id] = 0; answeredIn[a.id] = 0; });
    data.questions.forEach(function (q) {
      var option = q.options.filter(function (o) { return o.id === answers[q.id]; })[0];
      if (!option) return;
      points[q.area] += option.risk;
      answeredIn[q.area] += 1;
      answered += 1;
      option.steps.forEach(function (id) {
        var call = calls[id] || (calls[id] = { best: -1, count: 0 });
        call.best = Math.max(call.best, option.risk);
        call.count += 1;
      });
    });
    var areas = {}, overall = -1;
    data.areas.forEach(function (a) {
      areas[a.id] = answeredIn[a.id] ? levelFor(points[a.id], a) : null;
      if (areas[a.id]) overall = Math.max(overall, data.levels.indexOf(areas[a.id]));
    });
    var ranked = Object.keys(calls).filter(function (id) {
      return !matches(steps[id].skipIf, answers);
    }).sort(function (x, y) {
      return (calls[y].best + steps[y].weight) - (calls[x].best + steps[x].weight) ||
        calls[y].count - calls[x].count || stepOrder[x] - stepOrder[y];
    });
    var when = {}, now = 0;
    ranked.forEach(function (id) {
      var kind = steps[id].when;
      if (kind === "now" && now >= data.showNow) kind = "week";
      if (kind === "now") now += 1;
      when[id] = kind;
    });
    var inOrder = [];
    data.when.forEach(function (group) {
      ranked.forEach(function (id) { if (when[id] === group) inOrder.push(id); });
    });
    return {
      answered: answered, applies: eff.applies, areas: areas,
      overall: overall < 0 ? null : data.levels[overall],
      steps: inOrder, when: when, system: systemFor(answers)
    };
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

  function levelNode(level) {
    var node = el("strong", "sc-level", level ? words[level] : words["not-answered"]);
    node.setAttribute("data-level", level || "none");
    return node;
  }

  /* One step of the result: its <details> from the store, with the menu
     paths of the reader's phone shown (or none: the general how-to only). */
  function stepItem(id, when, system) {
    var item = el("li");
    item.setAttribute("data-step", id);
    item.setAttribute("data-when", when);
    var source = store[id];
    if (source) {
      var details = source.cloneNode(true);
      details.removeAttribute("id");  // the step links lead to the kept list
      Array.prototype.forEach.call(details.querySelectorAll(".sc-atlas"), function (node) {
        node.hidden = node.getAttribute("data-system") !== system;
      });
      item.appendChild(details);
    } else {
      item.appendChild(el("span", "sc-title", steps[id].title));
    }
    return item;
  }

  /* Questions that do not apply after earlier answers are hidden (their
     answers stay, and count again if the earlier answer changes). */
  function showApplying(applies) {
    data.questions.forEach(function (q) {
      var node = document.getElementById("q-" + q.id);
      if (node) node.hidden = applies.indexOf(q.id) < 0;
    });
  }

  function render() {
    var r = score(given());
    showApplying(r.applies);
    var total = String(r.applies.length);
    out.textContent = "";
    if (!r.answered) {
      out.appendChild(el("p", "sc-empty", words["no-answers"]));
      if (storeNode && storeNode.hasAttribute("data-keep")) out.appendChild(storeNode);
      bar.hidden = true;
      return;
    }
    out.appendChild(el("p", "sc-answered"))
      .appendChild(fill(words.answered, { answered: r.answered, total: total }));
    var overall = out.appendChild(el("p", "sc-overall"));
    overall.setAttribute("data-level", r.overall);
    overall.appendChild(fill(words.overall, { level: levelNode(r.overall) }));

    var rank = function (a) { return data.levels.indexOf(r.areas[a.id]); };
    var areas = out.appendChild(el("ul", "sc-areas"));
    data.areas.slice().sort(function (a, b) {
      return rank(b) - rank(a) || data.areas.indexOf(a) - data.areas.indexOf(b);
    }).forEach(function (a) {
      var item = areas.appendChild(el("li"));
      item.setAttribute("data-area", a.id);
      item.setAttribute("data-level", r.areas[a.id] || "none");
      item.appendChild(el("span", "sc-area-name", data.areaNames[a.id]));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(levelNode(r.areas[a.id]));
    });

    if (!r.steps.length) {
      out.appendChild(el("p", "sc-no-steps", words["no-steps"]));
    } else {
      data.when.forEach(function (group) {
        var ids = r.steps.filter(function (id) { return r.when[id] === group; });
        if (!ids.length) return;
        var title = out.appendChild(el("h3", "sc-group-title", words[group + "-steps"]));
        title.setAttribute("data-when", group);
        var list = out.appendChild(el(group === "now" ? "ol" : "ul", "sc-steps"));
        list.setAttribute("data-when", group);
        ids.forEach(function (id) { list.appendChild(stepItem(id, group, r.system)); });
      });
    }
    out.appendChild(el("p", "sc-note", words.note));
    if (storeNode && storeNode.hasAttribute("data-keep")) out.appendChild(storeNode);

    bar.hidden = false;
    var text = bar.querySelector(".sc-bar-text");
    text.textContent = "";
    text.appendChild(fill(words.bar, { level: words[r.overall], answered: r.answered, total: total }));
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
    Array.prototype.forEach.call(out.querySelectorAll("details.sc-step:not([open])"), function (node) {
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
