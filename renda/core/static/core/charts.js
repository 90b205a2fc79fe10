// Renders every <div class="chart" data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// The JSON is a complete ECharts option object built on the server; no inline scripts (CSP).
(function () {
  function render(root) {
    root.querySelectorAll("div.chart[data-chart]").forEach(function (el) {
      var data = document.getElementById(el.dataset.chart);
      if (!data || !window.echarts) return;
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption(JSON.parse(data.textContent));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (e) { render(e.target); });
})();
