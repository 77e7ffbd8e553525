/* Storyline report: kind filters and evidence highlighting. Reads the page only. */
(function () {
  "use strict";
  var body = document.body;
  document.querySelectorAll(".controls").forEach(function (box) { box.hidden = false; });
  document.querySelectorAll("input[data-hl-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      body.classList.toggle("hide-" + box.dataset.hlKind, !box.checked);
    });
  });
  document.querySelectorAll("input[data-finding-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll("#findings li.finding").forEach(function (item) {
        if (item.dataset.kind === box.dataset.findingKind) { item.hidden = !box.checked; }
      });
    });
  });
  function showTarget() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    var group = target.dataset.hl;
    document.querySelectorAll("[data-hl]").forEach(function (el) {
      if (group && el.dataset.hl === group) { el.classList.add("active"); }
    });
    target.classList.add("active");
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
