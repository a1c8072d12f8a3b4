/* Results dashboard: target vs actual per period, and actuals by dimension over time (ECharts, offline). */
(function () {
  "use strict";
  var dataEl = document.getElementById("dashboard-data");
  if (!dataEl || typeof echarts === "undefined") { return; }
  var indicators = JSON.parse(dataEl.textContent);
  var labels = JSON.parse(document.getElementById("dashboard-labels").textContent);
  var charts = [];
  function draw(el, option) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    charts.push(chart);
  }
  document.querySelectorAll("[data-indicator]").forEach(function (el) {
    var item = indicators[Number(el.getAttribute("data-indicator"))];
    draw(el, {
      tooltip: { trigger: "axis" },
      legend: { data: [labels.target, labels.actual], bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 48 },
      xAxis: { type: "category", data: item.periods },
      yAxis: { type: "value", max: item.percentage ? 100 : null },
      series: [
        { name: labels.target, type: "bar", data: item.targets, itemStyle: { color: "#9fb7cc" } },
        { name: labels.actual, type: "bar", data: item.actuals, itemStyle: { color: "#0b4f8a" } }
      ]
    });
  });
  document.querySelectorAll("[data-indicator-dims]").forEach(function (el) {
    var item = indicators[Number(el.getAttribute("data-indicator-dims"))];
    var series = [];
    Object.keys(item.dimensions).forEach(function (dimension) {
      Object.keys(item.dimensions[dimension]).forEach(function (value) {
        series.push({ name: dimension + ": " + value, type: "bar", stack: dimension, data: item.dimensions[dimension][value] });
      });
    });
    draw(el, {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: item.periods },
      yAxis: { type: "value" },
      series: series
    });
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
