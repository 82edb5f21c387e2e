// Makes and revokes corrections through /api/corrections with the analyst's bearer token.
// The token stays in sessionStorage; no cookie carries it, so no other site can make the browser write.
(function () {
  "use strict";
  const tokenInput = document.getElementById("token");
  const status = document.getElementById("review-status");
  if (!tokenInput) return;
  tokenInput.value = sessionStorage.getItem("parleys-token") || "";
  tokenInput.addEventListener("change", function () { sessionStorage.setItem("parleys-token", tokenInput.value); });

  function send(url, body) {
    status.textContent = "Working…";
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + tokenInput.value.trim() },
      body: JSON.stringify(body || {}),
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error((data.error && data.error.code + ": " + data.error.message) || "HTTP " + r.status);
        return data;
      });
    }).then(function () {
      status.textContent = "Done.";
      window.location.reload();
    }).catch(function (err) { status.textContent = "Refused: " + err.message; });
  }

  document.getElementById("correction-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    const body = {};
    new FormData(ev.target).forEach(function (value, key) {
      if (String(value).trim() !== "") body[key] = String(value).trim();
    });
    send("/api/corrections", body);
  });
  document.querySelectorAll("button.revoke").forEach(function (button) {
    button.addEventListener("click", function () {
      send("/api/corrections/" + encodeURIComponent(button.dataset.id) + "/revoke");
    });
  });
})();
