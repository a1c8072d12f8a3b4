/* Draws the due-diligence charts from JSON embedded in the page (id: dd-charts): line series over dates. */
(function () {
  "use strict";
  var node = document.getElementById("dd-charts");
  if (!node || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(node.textContent);
  Object.keys(charts).forEach(function (id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    var spec = charts[id];
    var chart = echarts.init(target, null, { renderer: "svg" });
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 16, top: 24, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: spec.labels }, yAxis: { type: "value" },
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind || "line", stack: spec.stack ? "all" : undefined, data: s.values };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
}());
