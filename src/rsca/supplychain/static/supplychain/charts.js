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
    var riskColours = { high: "#c0392b", medium: "#e0a100", low: "#2e8b57" };
    var riskNames = JSON.parse(graphEl.dataset.riskLabels || "{}");
    graph.nodes.forEach(function (n) {  /* a coloured ring shows the facility's risk level */
      if (riskColours[n.risk]) { n.itemStyle = { borderColor: riskColours[n.risk], borderWidth: 4 }; }
    });
    var chart = echarts.init(graphEl);
    chart.setOption({
      tooltip: { formatter: function (p) {
        if (p.dataType !== "node") { return ""; }
        var esc = window.rscaEscape;  /* names are typed by suppliers: text, never markup */
        return esc(p.data.name) + (p.data.public_id ? "<br>" + esc(p.data.public_id) : "") +
          (p.data.risk ? "<br>" + esc(riskNames.title || "") + " " + esc(riskNames[p.data.risk] || p.data.risk) : "");
      } },
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
  var RISK_RANK = { unknown: 0, low: 1, medium: 2, high: 3 };
  var RISK_COLOURS = ["#b8c2cc", "#2e8b57", "#e0a100", "#c0392b"];
  if (mapEl && map && window.echarts) {
    var riskLabels = JSON.parse(mapEl.dataset.riskLabels || "{}");
    var mapChart = echarts.init(mapEl);
    var worldEl = document.getElementById("sc-map-world");
    var worldChart = worldEl ? echarts.init(worldEl) : null;
    var mode = "count";
    var byCode = {};
    map.provinces.concat(map.countries).forEach(function (p) { byCode[p.code] = p; });

    function riskText(area) {
      return ["high", "medium", "low", "unknown"].filter(function (l) { return area.risk[l]; })
        .map(function (l) { return (riskLabels[l] || l) + " " + area.risk[l]; }).join(", ");
    }
    function tooltip(p) {
      var area = byCode[p.name];
      var esc = window.rscaEscape;
      var name = esc(p.data && p.data.label ? p.data.label : p.name);
      if (!area) { return name + ": 0 " + esc(mapEl.dataset.labelCount); }
      return name + ": " + esc(area.count) + " " + esc(mapEl.dataset.labelCount) + "<br>" + esc(riskText(area));
    }
    function visualMap(max) {
      if (mode === "risk") {
        return { type: "piecewise", left: 10, bottom: 10, dimension: 0,
          pieces: [3, 2, 1, 0].map(function (rank) {
            return { value: rank, color: RISK_COLOURS[rank], label: riskLabels[["unknown", "low", "medium", "high"][rank]] };
          }) };
      }
      return { type: "continuous", min: 0, max: Math.max(max, 1), left: 10, bottom: 10, calculable: true,
        text: [String(Math.max(max, 1)), "0"], inRange: { color: ["#eef3f8", "#1f5f8b"] } };
    }
    function value(area) {
      if (!area) { return mode === "risk" ? null : 0; }
      return mode === "risk" ? RISK_RANK[area.worst] : area.count;
    }
    function render() {
      var max = Math.max.apply(null, map.provinces.map(function (p) { return p.count; }).concat([1]));
      mapChart.setOption({
        tooltip: { trigger: "item", formatter: tooltip },
        visualMap: visualMap(max),
        series: [
          { type: "map", map: "rsca-china", nameProperty: "code", roam: true, selectedMode: false,
            label: { show: false }, emphasis: { label: { show: false } },
            itemStyle: { areaColor: "#f4f6f8", borderColor: "#8795a1" },
            data: map.all_provinces.map(function (p) { return { name: p.code, label: p.name, value: value(byCode[p.code]) }; }) }
        ]
      }, true);
      if (worldChart) {
        var maxWorld = Math.max.apply(null, map.countries.map(function (c) { return c.count; }).concat([1]));
        worldChart.setOption({
          tooltip: { trigger: "item", formatter: function (p) { return byCode[p.name] ? tooltip({ name: p.name, data: { label: byCode[p.name].name } }) : ""; } },
          visualMap: visualMap(maxWorld),
          series: [{ type: "map", map: "rsca-world", nameProperty: "iso2", roam: true, selectedMode: false,
            center: [100, 20], zoom: 3, label: { show: false }, emphasis: { label: { show: false } },
            itemStyle: { areaColor: "#f4f6f8", borderColor: "#b0b8c0" },
            data: map.countries.map(function (c) { return { name: c.code, label: c.name, value: value(c) }; }) }]
        }, true);
      }
    }
    function scatterFallback() {  /* no map outline available: provinces as circles at their coordinates */
      var provinces = map.provinces.filter(function (p) { return p.lng !== null && p.lat !== null; });
      var max = Math.max.apply(null, provinces.map(function (p) { return p.count; }).concat([1]));
      mapChart.setOption({
        tooltip: { formatter: function (p) {
          var esc = window.rscaEscape;
          return esc(p.data.name) + ": " + (p.data.count !== undefined ? esc(p.data.count) + " " + esc(mapEl.dataset.labelCount) : "");
        } },
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
    }
    function load(url, name) {
      return fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url); }
        return r.json();
      }).then(function (geo) { echarts.registerMap(name, geo); });
    }
    var loads = [load(mapEl.dataset.chinaUrl, "rsca-china")];
    if (worldChart) { loads.push(load(mapEl.dataset.worldUrl, "rsca-world")); }
    Promise.all(loads).then(function () { mapEl.dataset.ready = "map"; render(); }).catch(function () {
      mapEl.dataset.ready = "scatter";
      scatterFallback();
    });
    document.querySelectorAll("[data-map-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        mode = button.dataset.mapMode;
        document.querySelectorAll("[data-map-mode]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        if (mapEl.dataset.ready === "map") { render(); }
      });
    });
    window.addEventListener("resize", function () { mapChart.resize(); if (worldChart) { worldChart.resize(); } });
  }
})();
