// Targets pages: the indicator chart (uPlot, vendored) and the entry grid's jump hint.
(function () {
  "use strict";
  var LOCALE = (document.documentElement.lang || "vi").indexOf("en") === 0 ? "en-GB" : "vi-VN";
  function vnNumber(text) {
    // "6.265" -> 6265, "6.265,5" -> 6265.5 (English: "6,265.5"): enough for a hint; the server parses for real.
    var s = String(text || "").trim().replace(/\s/g, "");
    if (!s) return null;
    // English mode types "6,265.5" (core.numbers.parse_typed): the separators swap roles.
    if (LOCALE === "en-GB") s = s.replace(/[.,]/g, function (c) { return c === "." ? "," : "."; });
    if (s.indexOf(",") >= 0) s = s.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, "");
    var n = Number(s);
    return isFinite(n) ? n : null;
  }
  function fmt(n) {
    return n.toFixed(1).replace(".", ",").replace(/,0$/, "") + "%";
  }

  var el = document.getElementById("chart");
  var dataEl = document.getElementById("chart-data");
  if (el && dataEl && window.uPlot) {
    var d = JSON.parse(dataEl.textContent);
    var num = function (xs) { return xs.map(function (x) { return x === null ? null : Number(x); }); };
    var label = function (v) { return v === null || v === undefined ? "—" : v.toLocaleString(LOCALE); };
    var months = d.months.map(function (_m, i) { return i + 1; });
    var data = [months, num(d.this_year), num(d.last_year)];
    // Every line at least 3:1 against white (WCAG 1.4.11): blue, dark grey, red.
    var series = [
      { label: el.dataset.month, value: function (u, v) { return v === null ? "" : d.months[v - 1]; } },
      { label: el.dataset.this, stroke: "#1f5fa8", width: 2, spanGaps: true,
        points: { size: 8 }, value: function (u, v) { return label(v); } },
      { label: el.dataset.last, stroke: "#4b5059", width: 2, spanGaps: true, dash: [6, 4],
        value: function (u, v) { return label(v); } }
    ];
    if (d.plan !== null) {
      data.push(months.map(function () { return Number(d.plan); }));
      series.push({ label: el.dataset.plan, stroke: "#b3261e", width: 2, dash: [2, 3],
                    points: { show: false }, value: function (u, v) { return label(v); } });
    }
    // The plot's own height; uPlot's legend (the values under the cursor) goes below it.
    var size = function () { return { width: el.clientWidth, height: el.clientWidth < 500 ? 230 : 280 }; };
    var opts = size();
    opts.scales = { x: { time: false, range: [0.5, 12.5] } };
    opts.legend = { live: true };
    opts.cursor = { drag: { x: false, y: false } };
    opts.axes = [
      { splits: function () { return months; },
        // On a phone only the quarters' last months are named (twelve names do not fit).
        values: function (u, ticks) {
          var step = u.width < 500 ? 3 : 1;
          return ticks.map(function (t) { return t % step === 0 ? d.months[t - 1] || "" : ""; });
        } },
      { label: d.unit_of_measure, size: 88,
        values: function (u, ticks) { return ticks.map(function (t) { return t.toLocaleString(LOCALE); }); } }
    ];
    opts.series = series;
    var chart = new uPlot(opts, data, el);
    window.addEventListener("resize", function () { chart.setSize(size()); });
  }

  var form = document.getElementById("entry");
  if (form) {
    // After a refused save, focus goes to the first cell in error (not lost at the top).
    var firstError = form.querySelector("[aria-invalid=true], .cell-error input, .cell-error select");
    if (firstError) firstError.focus();
    var check = function (row) {
      var input = row.querySelector("input[name^='v-']");
      var note = row.querySelector("input[name^='n-']");
      var hint = row.querySelector(".jump-hint");
      var prev = Number(row.dataset.previous), limit = Number(row.dataset.threshold);
      var v = vnNumber(input.value);
      hint.hidden = true;
      note.required = false;
      if (v === null || !row.dataset.previous || !row.dataset.threshold || prev === 0) return;
      var jump = (v / prev - 1) * 100;
      if (Math.abs(jump) > limit) {
        note.required = !note.value.trim();
        hint.textContent = form.dataset.jump.replace("%s", fmt(jump));
        hint.hidden = !!note.value.trim();
      }
    };
    form.querySelectorAll("tr[data-code]").forEach(function (row) {
      row.querySelectorAll("input").forEach(function (i) { i.addEventListener("input", function () { check(row); }); });
      check(row);
    });
  }
})();
