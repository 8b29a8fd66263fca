// Targets pages: the indicator chart (ECharts, vendored) and the entry grid's jump hint.
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
  if (el && dataEl && window.echarts) {
    var d = JSON.parse(dataEl.textContent);
    var num = function (xs) { return xs.map(function (x) { return x === null ? null : Number(x); }); };
    var series = [
      { name: el.dataset.this, type: "line", data: num(d.this_year), connectNulls: true, symbolSize: 8 },
      { name: el.dataset.last, type: "line", data: num(d.last_year), connectNulls: true, lineStyle: { type: "dashed" } }
    ];
    if (d.plan !== null) {
      series.push({ name: el.dataset.plan, type: "line", data: d.months.map(function () { return Number(d.plan); }),
                    symbol: "none", lineStyle: { type: "dotted", width: 2 } });
    }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      // Every line at least 3:1 against white (WCAG 1.4.11): blue, dark grey, red.
      color: ["#1f5fa8", "#4b5059", "#b3261e"],
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "" : v.toLocaleString(LOCALE); } },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: d.months },
      yAxis: { type: "value", name: d.unit_of_measure, axisLabel: { formatter: function (v) { return v.toLocaleString(LOCALE); } } },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
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
