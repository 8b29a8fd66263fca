// The consolidated report page: the print button (no inline handlers: the
// Content-Security-Policy allows scripts from this site's files only).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
