// archcalc report and diff pages: details on click, pan and zoom, folding, a sortable table.
// Model strings only ever reach the page through textContent: never as markup.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("archcalc-data").textContent);
  const nodes = data.nodes || {};
  const groups = data.groups || {};
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const svg = $("#graph");
  const box = svg ? svg.parentElement : null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // -- the details panel ------------------------------------------------------------------
  const groupOfNode = {};
  for (const [g, info] of Object.entries(groups)) groupOfNode[info.n] = g;

  function show(id) {
    const d = nodes[id];
    const panel = $("#details");
    if (!d || !panel) return;
    panel.replaceChildren(el("h2", "Details"), el("h3", d.t));
    const dl = el("dl");
    for (const [k, v] of d.r) dl.append(el("dt", k), el("dd", v));
    panel.append(dl);
    const g = groupOfNode[id];
    if (g && svg) {
      const b = el("button", folded.has(g) ? "Unfold this group" : "Fold this group");
      b.type = "button";
      b.addEventListener("click", () => { toggle(g); show(id); });
      panel.append(b);
    }
    if (d.a && d.a.length) {
      const t = el("table");
      const head = t.createTHead().insertRow();
      head.append(el("th", "Argument"), el("th", "Value"));
      const body = t.createTBody();
      for (const [name, value, given] of d.a) {
        const row = body.insertRow();
        row.className = given ? "given" : "default";
        row.append(el("td", name), el("td", given ? value : value + " (default)"));
      }
      panel.append(el("h3", "Arguments", "args"), t);
    }
  }

  let selected = null;
  function select(id, centre) {
    for (const e of $$(".sel")) e.classList.remove("sel");
    selected = id;
    const g = groupOfNode[id];
    const drawn = g ? document.getElementById(g) : document.getElementById(id);
    for (const e of $$('[data-node="' + id + '"]')) e.classList.add("sel");
    if (drawn && svg && svg.contains(drawn)) {
      drawn.classList.add("sel");
      if (centre) centreOn(drawn);
    }
    show(id);
  }

  // -- pan and zoom (the viewBox) ---------------------------------------------------------
  let vb = svg ? svg.dataset.viewbox.split(/[\s,]+/).map(Number) : null;
  const home = vb ? vb.slice() : null;
  function apply() { svg.setAttribute("viewBox", vb.map((v) => v.toFixed(1)).join(" ")); }
  function toUser(x, y) {
    const p = svg.createSVGPoint();
    p.x = x; p.y = y;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(f, cx, cy) {
    vb = [cx - (cx - vb[0]) / f, cy - (cy - vb[1]) / f, vb[2] / f, vb[3] / f];
    apply();
  }
  function zoomCentre(f) { zoom(f, vb[0] + vb[2] / 2, vb[1] + vb[3] / 2); }
  function fit() {
    // The whole graph, at most 1.25x; when its nodes would be too small to read: its top.
    const w = svg.clientWidth, h = svg.clientHeight;
    const s = w && h ? Math.min(w / home[2], h / home[3]) : 1;
    if (s >= 0.6 && s <= 1.25) {
      vb = home.slice();
    } else {
      const k = s > 1.25 ? 1.25 : 0.8, vw = w / k, vh = h / k;
      const top = s > 1.25 ? home[1] + (home[3] - vh) / 2 : home[1];
      vb = [home[0] + (home[2] - vw) / 2, top, vw, vh];
    }
    apply();
  }
  function centreOn(e) {
    const r = e.getBoundingClientRect();
    if (!r.width && !r.height) return;
    const p = toUser(r.left + r.width / 2, r.top + r.height / 2);
    vb[0] = p.x - vb[2] / 2;
    vb[1] = p.y - vb[3] / 2;
    apply();
  }
  let drag = null, moved = false;
  if (svg) {
    // A small graph gets a box its size; a big one most of the window.
    box.style.height = Math.round(Math.min(0.72 * window.innerHeight, home[3] * 1.25 + 24)) + "px";
    fit();
    box.addEventListener("wheel", (e) => {
      e.preventDefault();
      const p = toUser(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });
    box.addEventListener("pointerdown", (e) => {
      drag = { x: e.clientX, y: e.clientY, vb: vb.slice(), k: svg.getScreenCTM().a };
      moved = false;
    });
    window.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      moved = true;
      box.classList.add("dragging");
      vb = [drag.vb[0] - dx / drag.k, drag.vb[1] - dy / drag.k, vb[2], vb[3]];
      apply();
    });
    window.addEventListener("pointerup", () => { drag = null; box.classList.remove("dragging"); });
  }

  // -- folding groups (nested models) -----------------------------------------------------
  const folded = new Set();
  function outermostFolded(g) {
    let top = null;
    for (let x = g; x; x = groups[x] ? groups[x].p : null) if (folded.has(x)) top = x;
    return top;
  }
  function refresh() {
    const topOf = {};
    for (const n of $$("#graph .node")) {
      const g = (nodes[n.id] || {}).g;
      topOf[n.id] = g ? outermostFolded(g) : null;
      n.classList.toggle("hide", topOf[n.id] !== null);
    }
    for (const c of $$("#graph .cluster")) {
      const parent = (groups[c.id] || {}).p;
      c.classList.toggle("hide", parent ? outermostFolded(parent) !== null : false);
      c.classList.toggle("folded", folded.has(c.id));
    }
    for (const e of $$("#graph .edge")) {
      const a = topOf[e.dataset.from], b = topOf[e.dataset.to];
      e.classList.toggle("hide", a != null && a === b);
    }
  }
  function toggle(g, fold) {
    if (fold === undefined) fold = !folded.has(g);
    if (fold) folded.add(g); else folded.delete(g);
    refresh();
  }

  // -- clicks -----------------------------------------------------------------------------
  const actions = {
    "zoom-in": () => zoomCentre(1.25),
    "zoom-out": () => zoomCentre(0.8),
    "fit": fit,
    "fold-all": () => { for (const g of Object.keys(groups)) folded.add(g); refresh(); },
    "unfold-all": () => { folded.clear(); refresh(); },
  };
  document.addEventListener("click", (e) => {
    const t = e.target;
    const act = t.closest("[data-act]");
    if (act && actions[act.dataset.act]) { actions[act.dataset.act](); return; }
    if (svg && svg.contains(t) && moved) return; // the end of a drag, not a click
    const cluster = t.closest("#graph .cluster");
    if (cluster) {
      toggle(cluster.id);
      select(groups[cluster.id].n, false);
      return;
    }
    const hit = t.closest("[data-node]");
    if (hit) select(hit.dataset.node, !(svg && svg.contains(hit)));
  });

  // -- the table: sort and filter ---------------------------------------------------------
  for (const table of $$("table.sortable")) {
    const body = table.tBodies[0];
    const order = (r) => parseFloat(r.cells[0].dataset.v);
    const sortBy = (th, col) => {
      const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const h of $$("th", table)) h.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", dir);
      const num = th.dataset.type === "num", sign = dir === "ascending" ? 1 : -1;
      const key = (r) => (num ? parseFloat(r.cells[col].dataset.v) : r.cells[col].textContent.toLowerCase());
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * sign || order(a) - order(b);
      });
      body.append(...rows);
    };
    $$("th", table).forEach((th, col) => {
      th.addEventListener("click", () => sortBy(th, col));
      th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th, col); } });
    });
  }
  const filter = $("#filter");
  if (filter) {
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLowerCase();
      for (const r of $$("table.sortable tbody tr")) {
        const text = $$(".name, .type", r).map((c) => c.textContent).join(" ").toLowerCase();
        r.classList.toggle("hide", q !== "" && !text.includes(q));
      }
    });
  }

  // A link to page.html#n3 opens with that layer's numbers.
  const start = location.hash.slice(1);
  if (nodes[start]) select(start, true);
})();
