// Every page: a table that scrolls sideways in its own box (phones) can be reached and
// scrolled with the keyboard (WCAG 2.1.1): it becomes focusable, named after its caption or
// first header; it keeps its table semantics (no role change).
(function () {
  "use strict";
  function label(table) {
    var cap = table.querySelector("caption");
    if (cap) return cap.textContent.trim();
    var th = table.querySelector("th");
    return th ? th.textContent.trim() : "";
  }
  function mark() {
    var tables = document.querySelectorAll("table.data, .official table.fig");
    for (var i = 0; i < tables.length; i++) {
      var t = tables[i];
      if (t.scrollWidth > t.clientWidth + 1) {
        if (!t.hasAttribute("tabindex")) {
          t.setAttribute("tabindex", "0");
          t.setAttribute("aria-label", label(t));
          t.dataset.scrollMarked = "1";
        }
      } else if (t.dataset.scrollMarked) {
        t.removeAttribute("tabindex");
        t.removeAttribute("aria-label");
        delete t.dataset.scrollMarked;
      }
    }
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
  document.addEventListener("htmx:afterSettle", mark);
})();
