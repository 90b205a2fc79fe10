// Acts that cannot be undone (立案, 提交, 交办, 退回 …) ask first: a submit button or a form carrying
// data-confirm="…" is sent only when the user agrees; dismissing the dialog sends nothing. One listener for
// every page, no inline scripts (the CSP is script-src 'self'). Without JavaScript the form is sent as is.
document.addEventListener(
  "submit",
  function (event) {
    var source = (event.submitter && event.submitter.closest("[data-confirm]")) || event.target.closest("[data-confirm]");
    var question = source && source.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true
);
