/* The edit page of a sub-plan or a report, as one types: totals, rates and checks worked
   out in the browser, character counts, and a question before leaving unsaved changes.
   The server's checks stay the truth: nothing here blocks or changes what is sent. */
(function () {
  "use strict";
  var form = document.getElementById("doc-form");
  if (!form) { return; }
  var fmt = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 3 });
  var pct = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  /* "13.342", "13342", "13 342" → 13342; "1.234,5" → 1234.5; "7,97" → 7.97 (as the server reads them). */
  function parse(text) {
    text = (text || "").replace(/[\s\u00a0%]/g, "");
    if (!text) { return null; }
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) { text = text.replace(/\./g, "").replace(",", "."); }
    else if (/^-?\d+(,\d+)?$/.test(text)) { text = text.replace(",", "."); }
    else if (!/^-?\d+(\.\d+)?$/.test(text)) { return null; }
    var n = Number(text);
    return isNaN(n) ? null : n;
  }
  function value(name) {
    var input = form.elements[name];
    return input ? parse(input.value) : null;
  }
  function known() {
    for (var i = 0; i < arguments.length; i++) { if (arguments[i] === null) { return false; } }
    return true;
  }
  function hint(name) {
    var input = form.elements[name];
    if (!input) { return null; }
    var box = input.parentNode.querySelector("small.computed");
    if (!box) {
      box = document.createElement("small");
      box.className = "computed";
      box.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", box);
    }
    return box;
  }
  function say(name, text, wrong) {
    var box = hint(name);
    if (!box) { return; }
    box.textContent = text || "";
    box.classList.toggle("mismatch", !!wrong);
  }
  function rate(part, whole) {
    return known(part, whole) && whole > 0 ? pct.format(part * 100 / whole) + "%" : null;
  }

  /* Figures: an end figure against its flow, rates from the counts. */
  function flow(prefix, report) {
    var start = value(prefix + "_start"), end = value(prefix + "_end"), expected = null;
    if (report) {
      var escaped = value(prefix + "_escaped"), added = value(prefix + "_new"), back = value(prefix + "_fell_back");
      if (known(start, escaped, added, back)) { expected = start - escaped + added + back; }
    } else {
      var reduction = value(prefix + "_reduction");
      if (known(start, reduction)) { expected = start - reduction; }
    }
    if (expected === null) { say(prefix + "_end", ""); return; }
    var wrong = end !== null && end !== expected;
    say(prefix + "_end", form.dataset.labelExpected.replace("{n}", fmt.format(expected)), wrong);
  }
  function figures() {
    var report = form.dataset.kind === "report";
    flow("poor", report);
    flow("near_poor", report);
    var households = value(report ? "households_end" : "households_start");
    var now = rate(value(report ? "poor_end" : "poor_start"), households);
    var line = [];
    if (now) { line.push((report ? form.dataset.labelRateNow : form.dataset.labelRateStart) + " " + now); }
    if (!report) {
      var end = rate(value("poor_end"), value("households_end") === null ? households : value("households_end"));
      if (end) { line.push(form.dataset.labelRateEnd + " " + end); }
    }
    var live = form.querySelector("[data-live=figures]");
    if (live) { live.textContent = line.join(" · "); }
  }

  /* Budget: each line's total, each column's total over the projects (a project's own line,
     or the sum of its sub-projects), against the typed total row. */
  function budget(table) {
    var rows = table.querySelectorAll("tbody tr.project, tbody tr.sub");
    var columns = 6, sums = [], project = null, projects = [];
    for (var c = 0; c < columns; c++) { sums.push(null); }
    function cells(row) {
      var out = [];
      row.querySelectorAll("input.amount").forEach(function (input) { out.push(parse(input.value)); });
      return out;
    }
    function lineTotal(values) {
      var parts = values.slice(0, 5).filter(function (v) { return v !== null; });
      if (values[5] !== null) { return values[5]; }
      return parts.length ? parts.reduce(function (a, b) { return a + b; }, 0) : null;
    }
    rows.forEach(function (row) {
      var values = cells(row);
      var total = lineTotal(values), totalInput = row.querySelectorAll("input.amount")[5];
      if (totalInput) { totalInput.placeholder = (values[5] === null && total !== null) ? fmt.format(total) : ""; }
      values[5] = total;
      if (row.classList.contains("project")) {
        project = { own: values.some(function (v) { return v !== null; }) ? values : null, subs: [], row: row };
        projects.push(project);
      } else if (project) {
        project.subs.push(values);
      }
    });
    projects.forEach(function (p) {
      // A project typed on its own line must agree with its sub-projects (the server says so too).
      if (p.own && p.subs.length) {
        var inputs = p.row.querySelectorAll("input.amount");
        for (var c = 0; c < columns; c++) {
          var parts = p.subs.map(function (s) { return s[c]; }).filter(function (v) { return v !== null; });
          var sum = parts.length ? parts.reduce(function (a, b) { return a + b; }, 0) : null;
          var wrong = sum !== null && p.own[c] !== null && Math.abs(sum - p.own[c]) > 0.0005;
          inputs[c].classList.toggle("mismatch", wrong);
          inputs[c].title = wrong ? form.dataset.labelSubs.replace("{n}", fmt.format(sum)) : "";
        }
      }
      var line = p.own;
      if (!line && p.subs.length) {
        line = [];
        for (var c = 0; c < columns; c++) {
          var known = p.subs.map(function (s) { return s[c]; }).filter(function (v) { return v !== null; });
          line.push(known.length ? known.reduce(function (a, b) { return a + b; }, 0) : null);
        }
      }
      if (!line) { return; }
      for (var c = 0; c < columns; c++) {
        if (line[c] !== null) { sums[c] = (sums[c] || 0) + line[c]; }
      }
    });
    var out = table.querySelector("tfoot tr.computed");
    if (!out) {
      var foot = table.querySelector("tfoot") || table.appendChild(document.createElement("tfoot"));
      out = document.createElement("tr");
      out.className = "computed";
      out.innerHTML = "<th class=\"item\"></th>" + new Array(columns + 1).join("<td class=\"num\"></td>");
      out.firstChild.textContent = form.dataset.labelComputed;
      foot.appendChild(out);
    }
    var typed = table.querySelector("tbody tr.total");
    var typedValues = typed ? cells(typed) : [];
    out.querySelectorAll("td").forEach(function (td, c) {
      td.textContent = sums[c] === null ? "" : fmt.format(sums[c]);
      var t = typedValues[c];
      td.classList.toggle("mismatch", t !== undefined && t !== null && sums[c] !== null && Math.abs(t - sums[c]) > 0.0005);
    });
  }

  /* Text: the count beside its limit; over it, said — never cut. */
  function counter(area) {
    var max = Number(area.dataset.max);
    var box = area.parentNode.querySelector("small.count");
    if (!box) {
      box = document.createElement("small");
      box.className = "count";
      area.insertAdjacentElement("afterend", box);
    }
    var n = area.value.length;
    box.textContent = fmt.format(n) + " / " + fmt.format(max);
    box.classList.toggle("over", n > max);
  }

  function refresh() {
    figures();
    form.querySelectorAll("table.budget-grid").forEach(budget);
  }

  var dirty = false, leaving = false;
  form.addEventListener("input", function (event) {
    dirty = true;
    if (event.target.dataset && event.target.dataset.max) { counter(event.target); }
    refresh();
  });
  form.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) {
      event.preventDefault();
      event.returnValue = form.dataset.labelUnsaved;
      return form.dataset.labelUnsaved;
    }
  });
  form.querySelectorAll("[data-max]").forEach(counter);
  refresh();
}());
