/* Progress chart: planned and actual rates per indicator, from the page's #chart-data JSON; the
   series names come from the canvas's data-actual-label and data-target-label (translated). */
(function () {
  "use strict";
  var box = document.getElementById("progress-chart");
  var source = document.getElementById("chart-data");
  if (!window.Chart || !box || !source) return;
  var data = JSON.parse(source.textContent);
  box.parentElement.style.height = Math.max(16, data.labels.length * 2.4) + "rem";
  window.progressChart = new window.Chart(box, {
    type: "bar",
    data: { labels: data.labels, datasets: [
      { label: box.dataset.actualLabel, data: data.actual, backgroundColor: "#0b5cad" },
      { label: box.dataset.targetLabel, data: data.target, backgroundColor: "#9ec5ee" } ] },
    options: { indexAxis: "y", maintainAspectRatio: false, locale: "vi-VN",
      scales: { x: { min: 0, suggestedMax: 100 } } }
  });
})();
