// Sends URLs to POST /api/ingest with the analyst's bearer token and lists what was stored or
// rejected (text set with textContent, never as HTML).
(function () {
  "use strict";
  const form = document.getElementById("ingest-form");
  if (!form) return;
  const token = document.getElementById("token"), status = document.getElementById("ingest-status");
  const table = document.getElementById("ingest-result"), body = table.querySelector("tbody");
  token.value = sessionStorage.getItem("parleys-token") || "";
  token.addEventListener("change", function () { sessionStorage.setItem("parleys-token", token.value); });

  function row(source, outcome, detail) {
    const tr = document.createElement("tr");
    [source, outcome, detail].forEach(function (text) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const urls = form.elements.urls.value.split(/\s+/).filter(function (u) { return u; });
    status.textContent = "Fetching and extracting " + urls.length + " URL(s)…";
    body.textContent = "";
    fetch("/api/ingest", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value.trim() },
      body: JSON.stringify({ urls: urls }),
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error((data.error && data.error.code + ": " + data.error.message) || "HTTP " + r.status);
        return data;
      });
    }).then(function (data) {
      data.stored.forEach(function (s) { row(s, "stored", ""); });
      data.unchanged.forEach(function (s) { row(s, "unchanged", "already in the store"); });
      data.rejected.forEach(function (r) { row(r.source, "rejected: " + r.reason, r.detail); });
      table.classList.remove("hidden");
      status.textContent = data.stored.length + " stored, " + data.unchanged.length + " unchanged, " +
        data.rejected.length + " rejected.";
    }).catch(function (err) { status.textContent = "Refused: " + err.message; });
  });
})();
