// Progressive enhancement for the article page: the page works without it.
(function () {
  "use strict";
  var COOKIE = "majlis_textsize";
  var body = document.getElementById("article-body");
  if (body) {
    var sizes = body.dataset.sizes.split(",").map(Number);
    var step = Number(body.dataset.step);
    var apply = function (next) {
      step = Math.max(0, Math.min(sizes.length - 1, next));
      body.style.fontSize = sizes[step] + "%";
      body.dataset.step = String(step);
      document.cookie = COOKIE + "=" + step + "; path=/; max-age=31536000; SameSite=Lax";
      try { localStorage.setItem(COOKIE, String(step)); } catch (e) { /* private mode */ }
    };
    var bigger = document.getElementById("text-bigger");
    var smaller = document.getElementById("text-smaller");
    bigger.addEventListener("click", function (event) { event.preventDefault(); apply(step + 1); });
    smaller.addEventListener("click", function (event) { event.preventDefault(); apply(step - 1); });
  }
  var textarea = document.getElementById("id_text");
  var count = document.getElementById("text-count");
  if (textarea && count) {
    var update = function () { count.textContent = String(Array.from(textarea.value).length); };
    textarea.addEventListener("input", update);
    update();
  }
})();
