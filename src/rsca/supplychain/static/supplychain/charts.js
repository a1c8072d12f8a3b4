/* Supply-chain graph and province map with the vendored ECharts (no network access needed). */
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var graphEl = document.getElementById("sc-graph");
  var graph = data("sc-graph-data");
  if (graphEl && graph && window.echarts) {
    var names = JSON.parse(graphEl.dataset.categories || "[]");
    var chart = echarts.init(graphEl);
    chart.setOption({
      tooltip: { formatter: function (p) { return p.dataType === "node" ? p.data.name + (p.data.public_id ? "<br>" + p.data.public_id : "") : ""; } },
      legend: [{ data: names }],
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        categories: names.map(function (n) { return { name: n }; }),
        data: graph.nodes, links: graph.links,
        label: { show: graph.nodes.length < 60, position: "right", fontSize: 11 },
        force: { repulsion: 160, edgeLength: [40, 110] },
        lineStyle: { color: "source", opacity: 0.6 },
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 6
      }]
    });
    chart.on("click", function (p) { if (p.data && p.data.public_id) { window.location.href = "../facilities/" + p.data.public_id + "/"; } });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var mapEl = document.getElementById("sc-map");
  var map = data("sc-map-data");
  if (mapEl && map && window.echarts) {
    var provinces = map.provinces.filter(function (p) { return p.lng !== null && p.lat !== null; });
    var max = Math.max.apply(null, provinces.map(function (p) { return p.count; }).concat([1]));
    var mapChart = echarts.init(mapEl);
    mapChart.setOption({
      tooltip: { formatter: function (p) { return p.data.name + ": " + (p.data.count !== undefined ? p.data.count + " " + mapEl.dataset.labelCount : ""); } },
      xAxis: { type: "value", name: mapEl.dataset.labelLng, min: 73, max: 135, scale: true },
      yAxis: { type: "value", name: mapEl.dataset.labelLat, min: 18, max: 54, scale: true },
      series: [
        { type: "scatter", name: "provinces",
          data: provinces.map(function (p) { return { name: p.name, count: p.count, value: [p.lng, p.lat, p.count] }; }),
          symbolSize: function (v) { return 12 + 40 * Math.sqrt(v[2] / max); },
          label: { show: true, formatter: function (p) { return p.data.name + " " + p.data.count; }, position: "right" },
          itemStyle: { color: "#1f5f8b", opacity: 0.75 } },
        { type: "scatter", name: "facilities", data: map.points, symbolSize: 6, itemStyle: { color: "#c0392b" } }
      ]
    });
    window.addEventListener("resize", function () { mapChart.resize(); });
  }
})();
