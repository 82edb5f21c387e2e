// The actor network as SVG: a small force layout (no library), zoom with the wheel, pan by dragging.
// Labels are set with textContent, never as HTML.
(function () {
  "use strict";
  const svg = document.getElementById("network");
  if (!svg) return;
  const NS = "http://www.w3.org/2000/svg";
  const W = 900, H = 600, status = document.getElementById("network-status");

  function el(name, attrs) {
    const node = document.createElementNS(NS, name);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }

  function layout(nodes, edges) {
    nodes.forEach(function (n, i) {
      const a = (2 * Math.PI * i) / nodes.length;
      n.x = W / 2 + (W / 3) * Math.cos(a); n.y = H / 2 + (H / 3) * Math.sin(a); n.vx = 0; n.vy = 0;
    });
    const byId = new Map(nodes.map(function (n) { return [n.id, n]; }));
    const links = edges.map(function (e) { return [byId.get(e.source), byId.get(e.target), e.weight]; })
      .filter(function (l) { return l[0] && l[1]; });
    const k = Math.sqrt((W * H) / Math.max(nodes.length, 1)) * 0.6;
    const rounds = nodes.length > 400 ? 60 : 200;
    for (let step = 0; step < rounds; step++) {
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          const f = (k * k) / d2;
          a.vx += dx * f * 0.05; a.vy += dy * f * 0.05; b.vx -= dx * f * 0.05; b.vy -= dy * f * 0.05;
        }
      }
      links.forEach(function (l) {
        const a = l[0], b = l[1], dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        const f = (d - k) / d * 0.05;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      });
      const cool = 1 - step / rounds;
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.005; n.vy += (H / 2 - n.y) * 0.005;
        const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy) || 1, lim = 20 * cool + 1;
        n.x += (n.vx / v) * Math.min(v, lim); n.y += (n.vy / v) * Math.min(v, lim);
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }
    return links;
  }

  function draw(data) {
    const nodes = data.nodes, links = layout(nodes, data.edges);
    const g = el("g", {});
    links.forEach(function (l) {
      g.appendChild(el("line", { x1: l[0].x, y1: l[0].y, x2: l[1].x, y2: l[1].y, class: "edge",
                                 "stroke-width": Math.min(1 + l[2] / 2, 6) }));
    });
    nodes.forEach(function (n) {
      const r = 4 + Math.min(Math.sqrt(n.events || 1) * 2, 14);
      const shape = n.kind === "country"
        ? el("rect", { x: n.x - r, y: n.y - r, width: 2 * r, height: 2 * r, class: "node country" })
        : el("circle", { cx: n.x, cy: n.y, r: r, class: "node person" });
      const title = el("title", {});
      title.textContent = n.label + (n.country ? " (" + n.country + ")" : "") + ": " + n.events + " events";
      shape.appendChild(title);
      const id = String(n.id);
      if (id.indexOf("person-") === 0) {
        shape.addEventListener("click", function () { window.location.href = "/persons/" + id.slice(7); });
      } else if (id.indexOf("country-") === 0) {
        shape.addEventListener("click", function () { window.location.href = "/countries/" + id.slice(8); });
      }
      g.appendChild(shape);
      const label = el("text", { x: n.x + r + 2, y: n.y + 4, class: "label" });
      label.textContent = n.label;
      g.appendChild(label);
    });
    svg.appendChild(g);
    status.textContent = nodes.length + " nodes, " + links.length + " links";
    // fit the view to the drawing, keeping the aspect ratio
    const xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    const x0 = Math.min.apply(null, xs.concat([W / 2])) - 60, x1 = Math.max.apply(null, xs.concat([W / 2])) + 160;
    const y0 = Math.min.apply(null, ys.concat([H / 2])) - 40, y1 = Math.max.apply(null, ys.concat([H / 2])) + 40;
    const scale = Math.max((x1 - x0) / W, (y1 - y0) / H, 0.2);
    let view = [(x0 + x1) / 2 - (W * scale) / 2, (y0 + y1) / 2 - (H * scale) / 2, W * scale, H * scale], drag = null;
    svg.setAttribute("viewBox", view.join(" "));
    function apply() { svg.setAttribute("viewBox", view.join(" ")); }
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      const s = ev.deltaY > 0 ? 1.15 : 1 / 1.15, box = svg.getBoundingClientRect();
      const px = view[0] + ((ev.clientX - box.left) / box.width) * view[2];
      const py = view[1] + ((ev.clientY - box.top) / box.height) * view[3];
      view = [px - (px - view[0]) * s, py - (py - view[1]) * s, view[2] * s, view[3] * s]; apply();
    }, { passive: false });
    svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, ev.clientY]; });
    window.addEventListener("mouseup", function () { drag = null; });
    window.addEventListener("mousemove", function (ev) {
      if (!drag) return;
      const box = svg.getBoundingClientRect();
      view[0] -= ((ev.clientX - drag[0]) / box.width) * view[2];
      view[1] -= ((ev.clientY - drag[1]) / box.height) * view[3];
      drag = [ev.clientX, ev.clientY]; apply();
    });
  }

  fetch(svg.dataset.source, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(draw)
    .catch(function (err) { status.textContent = "Cannot load the network: " + err.message; });
})();
