/*
 * The self-check on check.html: turns the answers on the page into levels
 * and steps. The rules and the words come from the page itself (the JSON in
 * #self-check-data, written at build time from docs/selfcheck/rules.yml and
 * the page's check.md); this file only applies them, the same way as `score`
 * in scripts/selfcheck_rules.py. On any other page it does nothing.
 *
 * Nothing leaves the page or outlives it: no storage, no network, nothing in
 * the address. The answers are cleared whenever the page is shown (also when
 * the browser brings it back from its back/forward cache) and when it is left.
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
  var stepOrder = {};
  var stepText = {};
  data.steps.forEach(function (step, i) {
    stepOrder[step.id] = i;
    stepText[step.id] = step;
  });

  function answers() {
    var given = {};
    data.questions.forEach(function (q) {
      var checked = form.querySelector('input[name="' + q.id + '"]:checked');
      if (checked) given[q.id] = checked.value;
    });
    return given;
  }

  function levelFor(points, area) {
    if (points >= area.higher) return "higher";
    if (points >= area.medium) return "medium";
    return "lower";
  }

  function score(given) {
    var points = {}, answeredIn = {}, calls = {}, answered = 0;
    data.areas.forEach(function (a) { points[a.id] = 0; answeredIn[a.id] = 0; });
    data.questions.forEach(function (q) {
      var option = q.options.filter(function (o) { return o.id === given[q.id]; })[0];
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
    var steps = Object.keys(calls).sort(function (x, y) {
      return calls[y].best - calls[x].best || calls[y].count - calls[x].count ||
        stepOrder[x] - stepOrder[y];
    });
    return { answered: answered, areas: areas, overall: overall < 0 ? null : data.levels[overall], steps: steps };
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

  function stepItem(id) {
    var item = el("li");
    item.setAttribute("data-step", id);
    var link = el("a", "", stepText[id].title);
    var source = form.querySelector('a[data-step="' + id + '"]');
    if (source) link.setAttribute("href", source.getAttribute("href"));
    item.appendChild(link);
    item.appendChild(el("span", "sc-reason", stepText[id].reason));
    return item;
  }

  function render() {
    var r = score(answers());
    var total = String(data.questions.length);
    out.textContent = "";
    if (!r.answered) {
      out.appendChild(el("p", "sc-empty", words["no-answers"]));
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
      out.appendChild(el("h3", "", words["first-steps"]));
      var first = out.appendChild(el("ol", "sc-steps sc-first"));
      r.steps.slice(0, data.showFirst).forEach(function (id) { first.appendChild(stepItem(id)); });
      if (r.steps.length > data.showFirst) {
        out.appendChild(el("h3", "", words["more-steps"]));
        var more = out.appendChild(el("ul", "sc-steps sc-more"));
        r.steps.slice(data.showFirst).forEach(function (id) { more.appendChild(stepItem(id)); });
      }
    }
    out.appendChild(el("p", "sc-note", words.note));

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
  window.addEventListener("pageshow", clear);
  window.addEventListener("pagehide", clear);
  clear();
})();
