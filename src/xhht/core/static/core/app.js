/* Small behaviours that pages ask for with data- attributes: the Content-Security-Policy allows
   no inline script or on…= handler, so every page's script lives in a file like this one.
   - <select data-autosubmit>: choosing an option sends its form;
   - <input type="checkbox" data-check-all="CSS selector">: ticks or clears every box it selects. */
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
