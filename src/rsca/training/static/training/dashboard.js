/* Training results charts: data comes from the JSON script tag written by the page. */
(function () {
  "use strict";
  var source = document.getElementById("training-charts");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#0b4f8a", "#b3261e", "#1e6b32", "#8a5a00", "#5b3f8c", "#00727a", "#a23b72", "#56606b"];

  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) { return; }
    var chart = echarts.init(element);
    option.color = palette;
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function bar(items, horizontal) {
    var names = items.map(function (d) { return d.name; });
    var values = items.map(function (d) { return d.value; });
    var category = { type: "category", data: names, axisLabel: { interval: 0, width: 120, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };
    return {
      tooltip: { trigger: "axis" },
      grid: { left: horizontal ? 130 : 40, right: 20, top: 20, bottom: horizontal ? 30 : 80 },
      xAxis: horizontal ? value : Object.assign({}, category, { axisLabel: { rotate: 30, interval: 0 } }),
      yAxis: horizontal ? category : value,
      series: [{ type: "bar", data: values, name: data.labels.people }]
    };
  }

  draw("chart-sex", {
    tooltip: { trigger: "item" }, legend: { bottom: 0 },
    series: [{
      type: "pie", radius: ["30%", "55%"], minShowLabelAngle: 1, data: data.by_sex,
      label: { formatter: function (p) { return p.value ? p.name + "\n" + p.value : ""; } }
    }]
  });
  draw("chart-constituent", bar(data.by_constituent, true));
  draw("chart-province", bar(data.by_province, false));
  draw("chart-time", {
    tooltip: { trigger: "axis" }, legend: { bottom: 0 },
    grid: { left: 40, right: 20, top: 20, bottom: 50 },
    xAxis: { type: "category", data: data.over_time.years },
    yAxis: { type: "value", minInterval: 1 },
    series: data.over_time.series.map(function (s) { return { type: "bar", stack: "sex", name: s.name, data: s.data }; })
  });
})();
