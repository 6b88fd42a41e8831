"use strict";
// Filters, the detail panel and keyboard navigation of tqcheck's HTML report. Article text only ever reaches the
// page as escaped markup or through textContent.
(() => {
  const items = Array.from(document.querySelectorAll("li.finding"));
  const byKey = new Map(items.map((item) => [item.dataset.key, item]));
  const marks = Array.from(document.querySelectorAll("mark[data-f]"));
  const detail = document.getElementById("detail");
  const filters = Array.from(document.querySelectorAll("#filters select"));
  const shown = document.getElementById("shown");
  let current = null;

  const startOf = (key) => document.querySelector(`mark[data-start~="${key}"]`);

  function show(item) {
    for (const field of detail.querySelectorAll("[data-field]")) {
      field.textContent = item.dataset[field.dataset.field] || "–";
    }
    detail.hidden = false;
  }

  function select(key, scroll = true) {
    const item = byKey.get(key);
    const mark = startOf(key);
    if (!item || !mark) return;
    for (const old of document.querySelectorAll(".current")) old.classList.remove("current");
    item.classList.add("current");
    for (const piece of marks) if (piece.dataset.f.split(" ").includes(key)) piece.classList.add("current");
    if (scroll) mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    current = key;
    show(item);
  }

  function visible() {
    return items.filter((item) => !item.hidden);
  }

  function step(direction) {
    const list = visible();
    if (!list.length) return;
    const at = list.findIndex((item) => item.dataset.key === current);
    const next = at < 0 ? (direction > 0 ? 0 : list.length - 1) : (at + direction + list.length) % list.length;
    select(list[next].dataset.key);
  }

  function applyFilters() {
    const wanted = Object.fromEntries(filters.map((select) => [select.name, select.value]));
    const keep = new Set();
    for (const item of items) {
      const ok = Object.entries(wanted).every(([name, value]) => !value || item.dataset[name] === value);
      item.hidden = !ok;
      if (ok) keep.add(item.dataset.key);
    }
    for (const mark of marks) {
      mark.classList.toggle("muted", !mark.dataset.f.split(" ").some((key) => keep.has(key)));
    }
    shown.textContent = `${keep.size} of ${items.length} findings shown`;
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-key]");
    const mark = event.target.closest("mark[data-f]");
    if (link) {
      event.preventDefault();
      select(link.dataset.key);
    } else if (mark && !mark.classList.contains("muted")) {
      select(mark.dataset.f.split(" ")[0], false);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("select, input, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "n" || event.key === "j") step(1);
    else if (event.key === "p" || event.key === "k") step(-1);
    else if (event.key === "Enter" && event.target.matches("mark[data-f]")) select(event.target.dataset.f.split(" ")[0], false);
    else if (event.key === "Escape") detail.hidden = true;
    else return;
    event.preventDefault();
  });
  detail.querySelector("button").addEventListener("click", () => { detail.hidden = true; });
  for (const select of filters) select.addEventListener("change", applyFilters);
  applyFilters();
})();
