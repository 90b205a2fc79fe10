// Renders every <div class="chart" data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// The JSON is a complete ECharts option object built on the server; no inline scripts (CSP).
// On a narrow chart (a phone) the option is fitted to the width: a pie's labels go inside its slices as
// percentages (the legend below names them; slices too thin for a label have none), and the labels of a
// category axis are cut to a third of the width (the tooltip gives them whole).
(function () {
  var NARROW = 576;

  function fitted(option, width) {
    if (width >= NARROW) return option;
    var fit = JSON.parse(JSON.stringify(option));
    [].concat(fit.series || []).forEach(function (series) {
      if (series.type !== "pie") return;
      series.center = series.center || ["50%", "45%"];
      series.avoidLabelOverlap = true;
      series.minShowLabelAngle = 12;
      series.label = Object.assign({}, series.label, { position: "inside", formatter: "{d}%", fontSize: 11 });
      series.labelLine = { show: false };
      series.labelLayout = { hideOverlap: true };
    });
    ["xAxis", "yAxis"].forEach(function (key) {
      [].concat(fit[key] || []).forEach(function (axis) {
        if (axis.type !== "category") return;
        axis.axisLabel = Object.assign({}, axis.axisLabel, { width: Math.round(width / 3), overflow: "truncate" });
      });
    });
    return fit;
  }

  function draw(el, option) {
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    var narrow = el.clientWidth < NARROW;
    if (el.dataset.narrow !== String(narrow)) {
      el.dataset.narrow = String(narrow);
      chart.setOption(fitted(option, el.clientWidth), true);
    }
    chart.resize();
  }

  function render(root) {
    root.querySelectorAll("div.chart[data-chart]").forEach(function (el) {
      var data = document.getElementById(el.dataset.chart);
      if (!data || !window.echarts || el.dataset.drawn) return;
      el.dataset.drawn = "1";
      var option = JSON.parse(data.textContent);
      draw(el, option);
      window.addEventListener("resize", function () { draw(el, option); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (e) { render(e.target); });
})();
