/* Draws the compliance charts from JSON embedded in the page (ids: compliance-charts, worker-chart). */
(function () {
  "use strict";
  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function draw(id, option) {
    var node = document.getElementById(id);
    if (!node || typeof echarts === "undefined") { return; }
    var chart = echarts.init(node, null, { renderer: "svg" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function bars(labels, values, name, color) {
    return {
      tooltip: { trigger: "axis" }, grid: { left: 48, right: 16, top: 24, bottom: 64, containLabel: true },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 5 ? 30 : 0 } },
      yAxis: { type: "value" }, series: [{ name: name, type: "bar", data: values, itemStyle: { color: color } }]
    };
  }
  var data = read("compliance-charts");
  if (data) {
    draw("chart-weekly-hours", bars(data.histogram.labels, data.histogram.values, data.histogram.name, "#0b4f8a"));
    draw("chart-codes", bars(data.codes.labels, data.codes.values, data.codes.name, "#b3261e"));
    draw("chart-months", {
      tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: data.months.labels }, yAxis: { type: "value" },
      series: data.months.series.map(function (s) { return { name: s.name, type: "bar", stack: "all", data: s.values }; })
    });
  }
  var worker = read("worker-chart");
  if (worker) {
    var series = [{ name: worker.name, type: "bar", data: worker.values, itemStyle: { color: "#0b4f8a" } }];
    if (worker.limit) {
      series.push({ name: worker.limit_name, type: "line", symbol: "none", lineStyle: { color: "#b3261e", type: "dashed" },
                    data: worker.labels.map(function () { return worker.limit; }) });
    }
    draw("chart-worker-weeks", {
      tooltip: { trigger: "axis" }, legend: { bottom: 0 }, grid: { left: 48, right: 16, top: 24, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: worker.labels }, yAxis: { type: "value" }, series: series
    });
  }
})();
