/* Results dashboard: target vs actual per period, and actuals by dimension over time (ECharts, offline).

The page carries the data of its first charts only ("dashboard-data": {url, ids, periods, charts}); the data of
the others is fetched from `url` (the results version is in it) as they come near the screen, a few charts per
request. Compact form: charts[id] = {p: index into periods, t: targets, a: actuals, pct, d: {dimension: {value:
actuals}}}. */
(function () {
  "use strict";
  var dataEl = document.getElementById("dashboard-data");
  if (!dataEl || typeof echarts === "undefined") { return; }
  var page = JSON.parse(dataEl.textContent);
  var labels = JSON.parse(document.getElementById("dashboard-labels").textContent);
  var store = {};  // indicator id -> {periods, targets, actuals, percentage, dimensions}
  var waiting = {};  // indicator id -> chart elements to draw once its data is here
  var requested = {};
  var queue = [];
  var timer = null;
  var charts = [];
  var observer = null;

  function keep(answer) {
    Object.keys(answer.charts).forEach(function (id) {
      var c = answer.charts[id];
      store[id] = { periods: answer.periods[c.p], targets: c.t, actuals: c.a, percentage: c.pct, dimensions: c.d };
    });
  }

  function draw(el, option) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    charts.push(chart);
  }

  function drawPeriods(el, item) {
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
  }

  function drawDimensions(el, item) {
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
  }

  function render(el) {
    var index = el.hasAttribute("data-indicator") ? el.getAttribute("data-indicator") : el.getAttribute("data-indicator-dims");
    var id = page.ids[Number(index)];
    var item = store[id];
    if (!item) {
      (waiting[id] = waiting[id] || []).push(el);
      request(id);
      return;
    }
    if (el.hasAttribute("data-indicator")) { drawPeriods(el, item); } else { drawDimensions(el, item); }
  }

  function request(id) {
    if (requested[id]) { return; }
    requested[id] = true;
    queue.push(id);
    if (!timer) { timer = setTimeout(flush, 30); }  // one request for the charts that come into view together
  }

  function flush() {
    timer = null;
    var ids = queue.splice(0, 50);
    if (queue.length) { timer = setTimeout(flush, 0); }
    var url = page.url + (page.url.indexOf("?") < 0 ? "?" : "&") + "ids=" + ids.join(",");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (answer) {
        keep(answer);
        ids.forEach(function (id) {
          var els = waiting[id] || [];
          delete waiting[id];
          if (store[id]) { els.forEach(render); }
        });
      })
      .catch(function () {  // tried again when the chart comes into view again
        ids.forEach(function (id) {
          var els = waiting[id] || [];
          delete waiting[id];
          delete requested[id];
          if (observer) { els.forEach(function (el) { observer.observe(el); }); }
        });
      });
  }

  keep(page);
  var elements = document.querySelectorAll("[data-indicator], [data-indicator-dims]");
  if (!("IntersectionObserver" in window)) {
    elements.forEach(render);
  } else {
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); render(entry.target); }
      });
    }, { rootMargin: "400px 0px" });
    elements.forEach(function (el) { observer.observe(el); });
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
