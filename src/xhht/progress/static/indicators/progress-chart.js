/* Progress charts, from the page's #chart-data JSON; series names come from the canvases'
   data-* labels (translated).
   - #progress-chart: planned and actual rates per indicator, horizontal bars; each name is
     wrapped into lines that fit the width left to it, never cut.
   - #trend-chart: the indicator in focus over the years the plan covers, with its targets. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!window.Chart || !source) return;
  var data = JSON.parse(source.textContent);

  /* Words into lines of at most `width` characters (a longer word stands on its own line). */
  function wrap(text, width) {
    var lines = [];
    text.split(/\s+/).forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += " " + word;
      else lines.push(word);
    });
    return lines;
  }

  var box = document.getElementById("progress-chart");
  if (box) {
    /* About 7 px a character at 12 px: the names take at most 45% of the chart's width. */
    var width = Math.max(14, Math.floor(box.parentElement.clientWidth * 0.45 / 7));
    var labels = data.labels.map(function (name) { return wrap(name, width); });
    var lines = labels.reduce(function (n, l) { return n + l.length; }, 0);
    box.parentElement.style.height = Math.max(16, lines * 1.3 + labels.length * 1.6 + 4) + "rem";
    window.progressChart = new window.Chart(box, {
      type: "bar",
      data: { labels: labels, datasets: [
        { label: box.dataset.actualLabel, data: data.actual, backgroundColor: "#0b5cad" },
        { label: box.dataset.targetLabel, data: data.target, backgroundColor: "#9ec5ee" } ] },
      options: { indexAxis: "y", maintainAspectRatio: false, locale: "vi-VN",
        scales: { x: { min: 0, suggestedMax: 100 },
                  y: { ticks: { autoSkip: false, font: { size: 12 } } } },
        plugins: { legend: { position: "top" } } }
    });
  }

  var trend = document.getElementById("trend-chart");
  if (trend && data.trend) {
    window.trendChart = new window.Chart(trend, {
      type: "line",
      data: { labels: data.trend.years, datasets: [
        { label: trend.dataset.actualLabel, data: data.trend.actual, borderColor: "#0b5cad",
          backgroundColor: "#0b5cad", spanGaps: true },
        { label: trend.dataset.targetLabel, data: data.trend.target, borderColor: "#c0392b",
          backgroundColor: "#c0392b", showLine: false, pointStyle: "rectRot", pointRadius: 6 } ] },
      options: { maintainAspectRatio: false, locale: "vi-VN",
        scales: { y: { min: 0, suggestedMax: 100 },
                  x: { ticks: { autoSkip: false, maxRotation: 0 } } } }
    });
  }
})();
