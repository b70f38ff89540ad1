/* The criteria editor (criteria/editor.html), without inline script (the CSP forbids it):
   - <button data-confirm="question">: asks before sending (removing a criterion, an item…);
   - <select data-item-kind>: "Đạt/không đạt" hides the item's points field, "Chấm điểm" shows it. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  function showPoints(select) {
    var form = select.form;
    var points = form ? form.querySelector("[name=max_points]") : null;
    var row = points ? points.closest("p") : null;
    if (row) row.hidden = select.value === "pass_fail";
  }
  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLSelectElement && event.target.matches("[data-item-kind]")) {
      showPoints(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-item-kind]").forEach(showPoints);
  });
})();
