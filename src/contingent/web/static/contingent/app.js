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
});
