// Choosing many: every <select multiple data-searchable> (core.forms.SearchableSelectMultiple) becomes a Tom
// Select box — type part of a unit's, deputy's or station's name, pick from what matches, remove with ×. The
// library (vendor/tom-select, from npm) is loaded only on pages that have such a select; without JavaScript
// the plain multi-select stays and submits the same values. No inline scripts (the CSP is script-src 'self').
(function () {
  var self = document.currentScript;
  var library = null;

  function load() {
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = self.getAttribute("data-css");
        document.head.appendChild(css);
        var script = document.createElement("script");
        script.src = self.getAttribute("data-js");
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return library;
  }

  function enhance(root) {
    if (!root.querySelectorAll) return;
    var selects = root.querySelectorAll("select[data-searchable]");
    if (!selects.length) return;
    load().then(function () {
      selects.forEach(function (select) {
        if (select.tomselect) return;
        new TomSelect(select, {
          plugins: ["remove_button"],
          maxOptions: null,
          placeholder: select.getAttribute("data-placeholder") || "",
          hidePlaceholder: true,
          closeAfterSelect: false,
          render: {
            no_results: function () {
              return '<div class="no-results">没有匹配的选项</div>';
            },
          },
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
})();
