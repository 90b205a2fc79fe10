// Phone cards for list tables (the CSS is in renda.css, "Tables on phones"). Below 576 px every table in a
// .table-responsive (unless .table-keep) shows each row as a card; this script gives each cell the label of its
// column (data-label, from the header row) and marks, per row, the title cell (the first cell with a link,
// unless one is marked .cell-title), the actions cell (a cell of buttons under an empty or "操作" header, or
// marked .cell-actions) and the empty cells, and the header cells that sort. A row's header cell (<th> first in
// the row) is its title. Runs on load and on every htmx swap.
(function () {
  function label(th) {
    return th ? th.textContent.replace(/[▲▼]/g, "").replace(/\s+/g, " ").trim() : "";
  }
  function empty(td) {
    return !td.textContent.trim() && !td.querySelector("img, svg, input, select, textarea, button");
  }
  function prepare(table) {
    if (table.dataset.cards) return;
    table.dataset.cards = "1";
    var headers = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    headers.forEach(function (th) {
      if (!th.querySelector("a[href]")) return;
      th.classList.add("th-sort");
      table.dataset.sorts = "1";
    });
    Array.prototype.forEach.call(table.tBodies, function (tbody) {
      Array.prototype.forEach.call(tbody.rows, function (tr) {
        var column = 0, title = tr.querySelector(":scope > .cell-title");
        if (!title && tr.cells.length && tr.cells[0].tagName === "TH") {
          title = tr.cells[0];
          title.classList.add("cell-title");
        }
        Array.prototype.forEach.call(tr.cells, function (td) {
          var text = label(headers[column]);
          column += td.colSpan || 1;
          if (td.colSpan > 1) return;
          if (text && !td.hasAttribute("data-label")) td.setAttribute("data-label", text);
          if (empty(td)) td.classList.add("cell-empty");
          if (td.querySelector(".btn") && (!text || text === "操作")) td.classList.add("cell-actions");
          if (!title && !td.classList.contains("cell-actions") && td.querySelector("a[href]:not(.btn)")) {
            title = td;
            td.classList.add("cell-title");
          }
        });
      });
    });
  }
  function render(root) {
    root.querySelectorAll(".table-responsive > table.table:not(.table-keep)").forEach(prepare);
  }
  render(document);
  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (e) { render(e.target.parentNode || document); });
})();
