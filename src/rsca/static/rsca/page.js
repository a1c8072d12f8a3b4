/* Helpers for every page, loaded before the page's own scripts.
   - rscaEscape(text): text that reaches HTML built in JavaScript (chart tooltips) goes through it first;
     names of facilities, indicators and places are typed by users and must never become markup.
   - <button data-print>: prints the page (the Content-Security-Policy forbids inline onclick handlers).
   - htmx requests of signed-out pages take their CSRF token from the cookie. */
(function () {
  "use strict";
  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;", "`": "&#96;" };
  window.rscaEscape = function (value) {
    if (value === null || value === undefined) { return ""; }
    return String(value).replace(/[&<>"'`]/g, function (c) { return ENTITIES[c]; });
  };
  /* Signed-out pages carry no CSRF token (so they can be cached whole): htmx sends the cookie's instead. */
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.headers["X-CSRFToken"]) { return; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]); }
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (target) { event.preventDefault(); window.print(); }
  });
})();
