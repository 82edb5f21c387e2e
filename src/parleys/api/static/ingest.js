// The ingest page: uploads files to POST /api/ingest/files or sends URLs to POST /api/ingest; each
// starts a job. While a job is queued or running, this polls GET /api/ingest/jobs (the list) and
// GET /api/ingest/jobs/{id} (the job shown: progress, stored articles, rejections with reasons).
// The token goes as an Authorization header (kept in this tab's session storage); text is set
// with textContent, never as HTML.
(function () {
  "use strict";
  const form = document.getElementById("ingest-form"), upload = document.getElementById("upload-form");
  const section = document.getElementById("ingest-job"), jobs = document.getElementById("ingest-jobs");
  if (!form || !upload || !section || !jobs) return;
  const token = document.getElementById("token"), status = document.getElementById("ingest-status");
  const bar = document.getElementById("ingest-progress"), jobId = document.getElementById("job-id");
  const table = document.getElementById("ingest-result"), body = table.querySelector("tbody");
  const POLL_MS = 500, PAGE = 20;
  const UNFINISHED = { queued: true, running: true };
  let selected = section.dataset.job || "", timer = null;
  token.value = sessionStorage.getItem("parleys-token") || "";
  token.addEventListener("change", function () { sessionStorage.setItem("parleys-token", token.value); });

  function cells(tr, texts) {
    texts.forEach(function (text) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    });
    return tr;
  }

  function answer(r) {
    return r.json().then(function (data) {
      if (!r.ok) throw new Error((data.error && data.error.code + ": " + data.error.message) || "HTTP " + r.status);
      return data;
    });
  }

  function counts(job) {
    return job.stored + " stored, " + job.unchanged + " unchanged, " + job.rejected + " rejected";
  }

  function progress(el, job) {
    el.max = Math.max(job.inputs, job.processed, 1);
    el.value = job.status === "done" || job.status === "failed" ? el.max : job.processed;
  }

  function showJob(job) {
    selected = String(job.id);
    section.dataset.job = selected;
    jobId.textContent = selected;
    bar.classList.remove("hidden");
    progress(bar, job);
    if (job.status === "done") status.textContent = "Done: " + counts(job) + ".";
    else if (job.status === "failed") status.textContent = "The run failed: " + job.error;
    else if (job.status === "interrupted") status.textContent = "Interrupted: " + job.error + " (" + counts(job) + ").";
    else if (job.status === "queued") status.textContent = "Queued: waiting for a free worker…";
    else status.textContent = "Extracting: " + job.processed + " input(s) done (" + counts(job) + ")…";
    body.textContent = "";
    (job.articles || []).forEach(function (a) { body.appendChild(cells(document.createElement("tr"), [a, "stored", ""])); });
    (job.rejections || []).forEach(function (r) {
      body.appendChild(cells(document.createElement("tr"), [r.source, "rejected: " + r.reason, r.detail]));
    });
    table.classList.toggle("hidden", !body.children.length);
  }

  function showJobs(page) {
    const rows = jobs.querySelector("tbody");
    rows.textContent = "";
    page.jobs.forEach(function (job) {
      const tr = document.createElement("tr"), first = document.createElement("td");
      const link = document.createElement("a"), cell = document.createElement("td");
      const meter = document.createElement("progress");
      tr.dataset.job = String(job.id);
      tr.dataset.status = job.status;
      link.href = "/ingest?job=" + encodeURIComponent(job.id);
      link.textContent = String(job.id);
      first.appendChild(link);
      tr.appendChild(first);
      cells(tr, [job.kind, job.status]);
      progress(meter, job);
      cell.appendChild(meter);
      cell.appendChild(document.createTextNode(" " + job.processed + "/" + job.inputs));
      tr.appendChild(cell);
      const more = job.sources.length > 3 ? " and " + (job.sources.length - 3) + " more" : "";
      cells(tr, [job.stored, job.unchanged, job.rejected, job.writer, (job.started_at || job.created_at || "").slice(0, 19).replace("T", " "),
        job.sources.slice(0, 3).join(", ") + more].map(String));
      rows.appendChild(tr);
    });
    if (!page.jobs.length) {
      const tr = cells(document.createElement("tr"), ["No ingest jobs yet."]);
      tr.firstChild.colSpan = 10;
      rows.appendChild(tr);
    }
  }

  function unfinished() {
    return Array.prototype.some.call(jobs.querySelectorAll("tbody tr[data-status]"), function (tr) {
      return UNFINISHED[tr.dataset.status];
    });
  }

  function poll() {
    timer = null;
    const list = fetch("/api/ingest/jobs?limit=" + PAGE, { headers: { Accept: "application/json" } })
      .then(answer).then(showJobs);
    const one = selected
      ? fetch("/api/ingest/jobs/" + encodeURIComponent(selected), { headers: { Accept: "application/json" } })
        .then(answer).then(function (job) { showJob(job); return UNFINISHED[job.status]; })
      : Promise.resolve(false);
    Promise.all([list, one]).then(function (got) {
      if (got[1] || unfinished()) timer = setTimeout(poll, POLL_MS);
    }).catch(function (err) { status.textContent = "Lost the job: " + err.message; });
  }

  function follow(job) {
    showJob(job);
    if (timer) clearTimeout(timer);
    poll();
  }

  function refused(err) { status.textContent = "Refused: " + err.message; }

  upload.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const files = upload.elements.files.files, data = new FormData();
    for (let i = 0; i < files.length; i++) data.append("files", files[i], files[i].name);
    status.textContent = "Uploading " + files.length + " file(s)…";
    fetch("/api/ingest/files", {
      method: "POST",
      headers: { Authorization: "Bearer " + token.value.trim() },
      body: data,
    }).then(answer).then(follow).catch(refused);
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const urls = form.elements.urls.value.split(/\s+/).filter(function (u) { return u; });
    status.textContent = "Sending " + urls.length + " URL(s)…";
    fetch("/api/ingest", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value.trim() },
      body: JSON.stringify({ urls: urls }),
    }).then(answer).then(follow).catch(refused);
  });

  if (unfinished() || (selected && section.querySelector("#ingest-status").textContent.match(/^(Queued|Extracting)/))) {
    poll();
  }
})();
