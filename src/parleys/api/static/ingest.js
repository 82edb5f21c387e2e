// The ingest page: uploads files to POST /api/ingest/files and polls the job's progress, or sends
// URLs to POST /api/ingest; lists what was stored or rejected, with the reasons. The token goes as
// an Authorization header (kept in this tab's session storage); text is set with textContent,
// never as HTML.
(function () {
  "use strict";
  const form = document.getElementById("ingest-form"), upload = document.getElementById("upload-form");
  if (!form || !upload) return;
  const token = document.getElementById("token"), status = document.getElementById("ingest-status");
  const bar = document.getElementById("ingest-progress");
  const table = document.getElementById("ingest-result"), body = table.querySelector("tbody");
  const POLL_MS = 500;
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

  function answer(r) {
    return r.json().then(function (data) {
      if (!r.ok) throw new Error((data.error && data.error.code + ": " + data.error.message) || "HTTP " + r.status);
      return data;
    });
  }

  function show(data) {
    body.textContent = "";
    data.stored.forEach(function (s) { row(s, "stored", ""); });
    data.unchanged.forEach(function (s) { row(s, "unchanged", "already in the store"); });
    data.rejected.forEach(function (r) { row(r.source, "rejected" + (r.reason ? ": " + r.reason : ""), r.detail); });
    table.classList.toggle("hidden", !body.children.length);
  }

  function counts(data) {
    return data.stored.length + " stored, " + data.unchanged.length + " unchanged, " + data.rejected.length + " rejected";
  }

  function poll(id) {
    fetch("/api/ingest/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(answer)
      .then(function (job) {
        show(job);
        bar.max = Math.max(job.files.length, job.done, 1);
        bar.value = job.done;
        if (job.state === "running") {
          status.textContent = "Extracting: " + job.done + " input(s) done (" + counts(job) + ")…";
          setTimeout(function () { poll(id); }, POLL_MS);
        } else if (job.state === "failed") {
          status.textContent = "The run failed: " + job.error;
        } else {
          status.textContent = "Done: " + counts(job) + ".";
          bar.value = bar.max;
        }
      })
      .catch(function (err) { status.textContent = "Lost the job: " + err.message; });
  }

  upload.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const files = upload.elements.files.files, data = new FormData();
    for (let i = 0; i < files.length; i++) data.append("files", files[i], files[i].name);
    status.textContent = "Uploading " + files.length + " file(s)…";
    body.textContent = "";
    table.classList.add("hidden");
    bar.classList.remove("hidden");
    bar.value = 0;
    fetch("/api/ingest/files", {
      method: "POST",
      headers: { Authorization: "Bearer " + token.value.trim() },
      body: data,
    }).then(answer).then(function (job) { poll(job.id); })
      .catch(function (err) { bar.classList.add("hidden"); status.textContent = "Refused: " + err.message; });
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const urls = form.elements.urls.value.split(/\s+/).filter(function (u) { return u; });
    status.textContent = "Fetching and extracting " + urls.length + " URL(s)…";
    body.textContent = "";
    bar.classList.add("hidden");
    fetch("/api/ingest", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value.trim() },
      body: JSON.stringify({ urls: urls }),
    }).then(answer).then(function (data) {
      show(data);
      status.textContent = counts(data) + ".";
    }).catch(function (err) { status.textContent = "Refused: " + err.message; });
  });
})();
