// Behaviour lives here, never inline: the Content-Security-Policy forbids inline script.
"use strict";
function csrfToken() {
  var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : "";
}
// htmx requests carry Django's CSRF token in a header (forms also post it as a field).
document.addEventListener("htmx:configRequest", function (evt) {
  evt.detail.headers["X-CSRFToken"] = csrfToken();
});
// A rate-limited request (429) still carries a fragment that says when to try again: show it.
document.addEventListener("htmx:beforeSwap", function (evt) {
  if (evt.detail.xhr.status === 429) {
    evt.detail.shouldSwap = true;
    evt.detail.isError = false;
  }
});
document.addEventListener("DOMContentLoaded", function () {
  // The language menu submits itself on change; its button stays for keyboard and no-JS use.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // After a refused or invalid submission, put the keyboard focus on the first problem.
  var firstError = document.querySelector(".form-errors, .has-error input, .has-error select, .has-error textarea");
  if (firstError) {
    if (!firstError.hasAttribute("tabindex") && firstError.classList.contains("form-errors")) {
      firstError.setAttribute("tabindex", "-1");
    }
    firstError.focus();
  }
  // The fact form: show only the fields of the kind of fact chosen (all stay for no-JS use).
  var factForm = document.getElementById("fact-form");
  if (factForm) {
    var byKind = {};
    factForm.dataset.factFields.split(";").forEach(function (part) {
      var kv = part.split(":");
      byKind[kv[0]] = kv[1].split(",");
    });
    var all = [].concat.apply([], Object.keys(byKind).map(function (k) { return byKind[k]; }));
    var choose = factForm.querySelector("[name=fact]");
    var sync = function () {
      var shown = byKind[choose.value] || [];
      all.forEach(function (name) {
        var field = factForm.querySelector(".field[data-field=" + name + "]");
        if (field) { field.hidden = shown.indexOf(name) < 0; }
      });
    };
    choose.addEventListener("change", sync);
    sync();
  }
});
