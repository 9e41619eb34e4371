/* Included verbatim by report.html.j2. {% raw %} */
(function () {
  "use strict";
  var pop = document.getElementById("pop");
  var pinned = null, current = null;

  function partsOf(q) {
    return document.querySelectorAll('.q[data-doc="' + q.dataset.doc + '"][data-quote-id="' + CSS.escape(q.dataset.quoteId) + '"]');
  }
  function marksOf(q) {
    var out = [];
    document.querySelectorAll('.doctext[data-doc="' + q.dataset.doc + '"] a.spk, .doctext[data-doc="' + q.dataset.doc + '"] a.cue').forEach(function (a) {
      if ((" " + a.dataset.for + " ").indexOf(" " + q.dataset.quoteId + " ") >= 0) out.push(a);
    });
    return out;
  }
  function setActive(q, on) {
    if (!q) return;
    partsOf(q).forEach(function (el) { el.classList.toggle("active", on); });
    marksOf(q).forEach(function (el) { el.classList.toggle("active", on); });
  }
  function place(q) {
    var rects = q.getClientRects();
    var r = rects.length ? rects[0] : q.getBoundingClientRect();
    var w = pop.offsetWidth, h = pop.offsetHeight;
    var left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    var top = r.bottom + 8;
    if (top + h > window.innerHeight - 8) top = Math.max(8, r.top - h - 8);
    pop.style.left = left + "px";
    pop.style.top = top + "px";
  }
  function show(q) {
    var card = document.getElementById(q.dataset.card);
    if (!card) return;
    if (current && current !== q) setActive(current, false);
    current = q;
    pop.replaceChildren();
    var clone = card.cloneNode(true);
    clone.removeAttribute("id");
    pop.appendChild(clone);
    pop.hidden = false;
    setActive(q, true);
    place(q);
  }
  function hide() {
    pop.hidden = true;
    setActive(current, false);
    current = null; pinned = null;
  }
  function quoteOf(el) {
    var q = el && el.closest ? el.closest(".q") : null;
    if (q && !q.dataset.card) q = document.querySelector('.q[data-doc="' + q.dataset.doc + '"][data-quote-id="' + CSS.escape(q.dataset.quoteId) + '"][data-card]');
    return q;
  }
  document.addEventListener("mouseover", function (e) {
    if (pinned) return;
    var q = quoteOf(e.target);
    if (q) show(q);
  });
  document.addEventListener("mouseout", function (e) {
    if (pinned) return;
    var q = quoteOf(e.target);
    if (q && !(e.relatedTarget && quoteOf(e.relatedTarget) === q)) hide();
  });
  document.addEventListener("focusin", function (e) {
    var q = quoteOf(e.target);
    if (q) { pinned = q; show(q); }
  });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("#pop")) return;
    var link = e.target.closest ? e.target.closest("a.spk, a.cue") : null;
    var q = link ? document.getElementById(link.getAttribute("href").slice(1)) : quoteOf(e.target);
    if (link && q) { e.preventDefault(); q.scrollIntoView({ block: "center" }); q.focus({ preventScroll: true }); }
    if (q) { pinned = q; show(q); } else { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
    if ((e.key === "Enter" || e.key === " ") && e.target.classList && e.target.classList.contains("q")) {
      e.preventDefault(); pinned = e.target; show(e.target);
    }
  });
  function fromHash() {
    var el = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (el && el.classList.contains("q")) { pinned = el; show(el); }
  }
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("resize", function () { if (current && !pop.hidden) place(current); });
  window.addEventListener("scroll", function () { if (current && !pop.hidden) place(current); }, { passive: true });
  fromHash();
})();
/* {% endraw %} */
