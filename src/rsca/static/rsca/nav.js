// Main menu: one group open at a time; Escape or a click elsewhere closes it.
(function () {
  const groups = Array.from(document.querySelectorAll("nav.main-nav details[data-nav-group]"));
  const closeAll = (except) => groups.forEach((g) => { if (g !== except) g.open = false; });
  groups.forEach((g) => g.addEventListener("toggle", () => { if (g.open) closeAll(g); }));
  document.addEventListener("click", (e) => { if (!e.target.closest("nav.main-nav details")) closeAll(null); });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const open = groups.find((g) => g.open);
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
})();
