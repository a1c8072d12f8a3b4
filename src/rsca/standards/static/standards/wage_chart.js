/* Minimum-wage history: one step line per region and kind of wage, from the JSON in #wage-data. */
(function () {
  var holder = document.getElementById("wage-chart");
  var source = document.getElementById("wage-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data.series.length) { holder.hidden = true; return; }
  var chart = echarts.init(holder);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { top: 48, left: 64, right: 24, bottom: 40 },
    xAxis: { type: "time" },
    yAxis: { type: "value", scale: true, name: data.label || holder.dataset.yname || "" },
    series: data.series.map(function (s) {
      return { name: s.name + " (" + s.currency + ")", type: "line", step: "end", data: s.points, showSymbol: true };
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
