// Choosing many: every <select multiple data-searchable> (core.forms.SearchableSelectMultiple) becomes a Tom
// Select box — type part of a unit's, deputy's or station's name, pick from what matches, remove with ×. The
// library (vendor/tom-select, from npm) is loaded only on pages that have such a select; without JavaScript
// the plain multi-select stays and submits the same values. A select with data-remote (core.forms.RemoteSelect:
// a province's 100,000 deputies) holds only its chosen options, and a few offered before one types (a station's
// own deputies), and asks data-remote?q=… for the rest as one types; each answer replaces what was shown. No
// inline scripts (the CSP is script-src 'self').
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
        var settings = {
          plugins: select.multiple ? ["remove_button"] : [],
          maxOptions: null,
          placeholder: select.getAttribute("data-placeholder") || "",
          hidePlaceholder: true,
          closeAfterSelect: !select.multiple,
          render: {
            no_results: function () {
              return '<div class="no-results">没有匹配的选项</div>';
            },
          },
        };
        var remote = select.getAttribute("data-remote");
        if (remote) {
          settings.valueField = "value";
          settings.labelField = "text";
          settings.searchField = [];  // the server has matched already (pinyin initials included)
          settings.maxOptions = 50;
          settings.shouldLoad = function (query) {
            return query.trim().length > 0;
          };
          settings.load = function (query, callback) {
            var box = this;
            var url = remote + (remote.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
            fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
              .then(function (response) {
                return response.ok ? response.json() : { results: [] };
              })
              .then(function (found) {
                box.clearOptions(); // earlier answers and the options offered before typing; chosen ones stay
                callback(found.results);
              })
              .catch(function () {
                callback();
              });
          };
        }
        new TomSelect(select, settings);
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
