/* Small behaviours that pages ask for with data- attributes: the Content-Security-Policy allows
   no inline script or on…= handler, so every page's script lives in a file like this one.
   - <select data-autosubmit>: choosing an option sends its form;
   - <input type="checkbox" data-check-all="CSS selector">: ticks or clears every box it selects;
   - <details class="menu">: open on a wide screen (the CSS shows it as a bar there), closed
     behind "☰ Menu" on a phone. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!(field instanceof Element)) return;
    if (field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    } else if (field.matches("input[type=checkbox][data-check-all]")) {
      document.querySelectorAll(field.getAttribute("data-check-all")).forEach(function (box) {
        box.checked = field.checked;
      });
    }
  });
})();
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 900px)");
  function place() {
    document.querySelectorAll("details.menu").forEach(function (menu) { menu.open = wide.matches; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", place);
  else place();
  if (wide.addEventListener) wide.addEventListener("change", place);
})();
