// Starts ReDoc on /redoc from the vendored bundle (no inline script: the CSP forbids it).
window.addEventListener("load", function () {
  window.Redoc.init("/openapi.json", {}, document.getElementById("redoc"));
});
