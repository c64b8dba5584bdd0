// Keyboard-driven moderation queue. Progressive enhancement: without this
// script every button is a plain form post and the queue still works.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) return;
  var UNDO_MS = Number(queue.dataset.undoSeconds || 10) * 1000;
  var toast = document.getElementById("toast");
  var toastText = document.getElementById("toast-text");
  var toastUndo = document.getElementById("toast-undo");
  var help = document.getElementById("shortcuts");
  var current = 0;
  var reasonMode = false;
  var lastDecision = null; // {undoUrl, at}
  var busy = false;

  function items() { return Array.prototype.slice.call(queue.querySelectorAll(".queue-item")); }

  function select(index) {
    var list = items();
    if (!list.length) { current = 0; return; }
    current = Math.max(0, Math.min(list.length - 1, index));
    list.forEach(function (el, i) { el.classList.toggle("current", i === current); });
    list[current].scrollIntoView({ block: "nearest" });
    list[current].focus({ preventScroll: true });
  }

  function currentItem() { return items()[current] || null; }

  function say(message, undoUrl) {
    toastText.textContent = message;
    toast.hidden = false;
    toastUndo.hidden = !undoUrl;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { toast.hidden = true; }, undoUrl ? UNDO_MS : 4000);
  }

  function bumpCount(status, delta) {
    var badge = document.querySelector('.tab-count[data-status="' + status + '"]');
    if (badge && !/\+$/.test(badge.textContent)) badge.textContent = String(Math.max(0, Number(badge.textContent) + delta));
  }

  function post(url, form) {
    var data = form ? new FormData(form) : new FormData();
    if (!form) {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) data.append("csrfmiddlewaretoken", token.value);
    }
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, message: "Unexpected answer (" + response.status + ")" }; });
    });
  }

  function refill() {
    // The page ran empty: fetch the queue again (same filters) and swap it in.
    return fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("queue");
        if (fresh) queue.innerHTML = fresh.innerHTML;
        var pager = doc.querySelector(".pager"), oldPager = document.querySelector(".pager");
        if (pager && oldPager) oldPager.innerHTML = pager.innerHTML;
        doc.querySelectorAll(".tab-count").forEach(function (badge) {
          var mine = document.querySelector('.tab-count[data-status="' + badge.dataset.status + '"]');
          if (mine) mine.textContent = badge.textContent;
        });
        select(0);
      });
  }

  function decide(item, form, decision) {
    if (!item || !form || busy) return;
    busy = true;
    var data = new FormData(form);
    data.set("decision", decision);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    }).then(function (r) { return r.json(); }).then(function (result) {
      busy = false;
      if (!result.ok) { say(result.message); if (result.code === "already_decided") removeItem(item); return; }
      lastDecision = { undoUrl: result.undo_url, at: Date.now() };
      bumpCount("pending", -1);
      bumpCount(decision === "approve" ? "approved" : "rejected", 1);
      say(result.message, result.undo_url);
      removeItem(item);
    }).catch(function () { busy = false; say("Network error: nothing was decided. Try again."); });
  }

  function removeItem(item) {
    var index = items().indexOf(item);
    item.remove();
    reasonMode = false;
    if (!items().length) { refill(); return; }
    select(index);
  }

  function undo() {
    if (!lastDecision || Date.now() - lastDecision.at > UNDO_MS) { say("Nothing to undo."); return; }
    var url = lastDecision.undoUrl;
    lastDecision = null;
    post(url).then(function (result) {
      say(result.message);
      if (result.ok) refill();
    });
  }

  function openReasons(item) {
    var fieldset = item && item.querySelector(".reject-form .reasons");
    if (!fieldset) return;
    reasonMode = true;
    fieldset.classList.add("open");
    say("Reasons: press 1–7 to toggle, Enter to reject, Esc to cancel.");
  }

  function closeReasons(item) {
    reasonMode = false;
    var fieldset = item && item.querySelector(".reasons.open");
    if (fieldset) fieldset.classList.remove("open");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== "checkbox";
    if (typing || (help && help.open)) return;
    var item = currentItem();
    if (reasonMode) {
      if (/^[1-9]$/.test(event.key)) {
        var box = item && item.querySelector('.reject-form input[data-key="' + event.key + '"]');
        if (box) box.checked = !box.checked;
        event.preventDefault();
      } else if (event.key === "Enter") {
        event.preventDefault();
        decide(item, item.querySelector(".reject-form"), "reject");
      } else if (event.key === "Escape") {
        closeReasons(item);
      }
      return;
    }
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a": if (item) decide(item, item.querySelector(".approve-form"), "approve"); break;
      case "r": openReasons(item); break;
      case "z": undo(); break;
      case "x":
        var pick = item && item.querySelector('input[name="selected"]');
        if (pick) pick.checked = !pick.checked;
        break;
      case "o":
        var link = item && item.querySelector('a[href*="/moderation/comments/"]');
        if (link) window.location.href = link.href;
        break;
      case "?": if (help) help.showModal(); break;
      default: return;
    }
    event.preventDefault();
  });

  // Mouse users get the same no-reload behaviour.
  queue.addEventListener("submit", function (event) {
    var form = event.target;
    var item = form.closest(".queue-item");
    if (!item) return;
    event.preventDefault();
    select(items().indexOf(item));
    decide(item, form, form.classList.contains("approve-form") ? "approve" : "reject");
  });
  queue.addEventListener("click", function (event) {
    var item = event.target.closest(".queue-item");
    if (item && !/^(A|BUTTON|INPUT|LABEL)$/.test(event.target.tagName)) select(items().indexOf(item));
  });
  toastUndo.addEventListener("click", undo);
  var helpButton = document.getElementById("show-help");
  if (helpButton && help) helpButton.addEventListener("click", function () { help.showModal(); });
  select(0);
})();
