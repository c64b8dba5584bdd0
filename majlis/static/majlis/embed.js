/* Majlis comments for any page:
     <div data-majlis-thread data-article-url="https://news.example/story-1"></div>
     <script src="https://comments.example/embed.js" defer></script>
   and comment counts in article lists:
     <span data-majlis-count data-article-url="https://news.example/story-1"></span>
   Plain JavaScript, no framework, no cookies. Every piece of text is set with
   textContent or setAttribute, never parsed as HTML. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[src$='/embed.js']");
  if (!script || !window.fetch) return;
  var base = new URL(script.src, location.href).origin;
  var api = base + "/api/v1";
  var seq = 0;

  function el(tag, attrs, kids) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined) return;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    });
    (kids || []).forEach(function (kid) {
      if (kid) node.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    return node;
  }

  function call(method, path, body) {
    return fetch(api + path, {
      method: method, mode: "cors", credentials: "omit",
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        return { ok: r.ok, status: r.status, data: data };
      });
    });
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function when(iso) { // d-m-Y H:i like the article page, in the reader's time
    var d = new Date(iso);
    return two(d.getDate()) + "-" + two(d.getMonth() + 1) + "-" + d.getFullYear() + " " +
      two(d.getHours()) + ":" + two(d.getMinutes());
  }

  function commentItem(c) {
    return el("li", { "class": "majlis-comment", id: "majlis-comment-" + c.id }, [
      el("p", { "class": "majlis-meta" }, [
        el("span", { "class": "majlis-author", dir: "auto", text: c.author_name }), " ",
        el("time", { datetime: c.submitted_at, text: when(c.submitted_at) })
      ]),
      c.removed
        ? el("p", { "class": "majlis-text majlis-removed" }, [el("em", { text: "Comment removed at the author's request." })])
        : el("div", { "class": "majlis-text", dir: "auto", text: c.text })
    ]);
  }

  function canonicalUrl() {
    var link = document.querySelector("link[rel='canonical']");
    return link ? link.href : location.href.split("#")[0];
  }

  function mount(root) {
    if (root.getAttribute("data-majlis-state")) return;
    root.setAttribute("data-majlis-state", "loading");
    var html = document.documentElement;
    var lang = html.lang || "";
    var dir = html.dir || getComputedStyle(html).direction || "ltr";
    var slug = root.getAttribute("data-article");
    var target = slug ? { article: slug } : { url: root.getAttribute("data-article-url") || canonicalUrl() };
    var query = slug ? "article=" + encodeURIComponent(slug) : "url=" + encodeURIComponent(target.url);
    call("GET", "/comments?" + query).then(function (res) {
      // Not on the allow-list, or no such article: the page shows nothing.
      root.setAttribute("data-majlis-state", res.ok ? "ready" : "off");
      if (res.ok) render(root, res.data, target, query, lang, dir);
    }, function () { root.setAttribute("data-majlis-state", "off"); });
  }

  function render(root, thread, target, query, lang, dir) {
    var n = ++seq;
    var count = el("span", { "class": "majlis-count", text: "(" + thread.count + ")" });
    var list = el("ol", { "class": "majlis-list" });
    var section = el("section", { "class": "majlis-thread", lang: lang || null, dir: dir,
      "aria-labelledby": "majlis-" + n + "-heading" }, [
      el("h2", { id: "majlis-" + n + "-heading" }, ["Comments ", count]), list
    ]);
    var empty = el("p", { "class": "majlis-none", text: "No comments yet." });
    var more = el("button", { type: "button", "class": "majlis-more", text: "Show more comments" });
    var cursor = null;
    function add(page) {
      page.comments.forEach(function (c) { list.appendChild(commentItem(c)); });
      cursor = page.next_cursor;
      more.hidden = !cursor;
    }
    more.addEventListener("click", function () {
      more.disabled = true;
      call("GET", "/comments?" + query + "&cursor=" + encodeURIComponent(cursor)).then(function (res) {
        more.disabled = false;
        if (res.ok) add(res.data);
      }, function () { more.disabled = false; });
    });
    add(thread);
    if (!thread.count) section.appendChild(empty);
    section.appendChild(more);
    section.appendChild(thread.comments_open
      ? form(n, thread.max_length, target, lang)
      : el("p", { "class": "majlis-closed", role: "note", text: "Comments are closed for this article." }));
    root.textContent = "";
    root.appendChild(section);
  }

  function form(n, max, target, lang) {
    var id = function (name) { return "majlis-" + n + "-" + name; };
    var status = el("p", { "class": "majlis-status", role: "status", "aria-live": "polite" });
    var alert = el("p", { "class": "majlis-error", role: "alert", hidden: "" });
    var inputs = {
      name: el("input", { type: "text", name: "name", id: id("name"), maxlength: "80", required: "", dir: "auto",
        autocomplete: "name" }),
      email: el("input", { type: "email", name: "email", id: id("email"), maxlength: "254", required: "",
        autocomplete: "email", "aria-describedby": id("email-help") }),
      text: el("textarea", { name: "text", id: id("text"), rows: "6", maxlength: String(max), required: "",
        dir: "auto", "aria-describedby": id("counter") }),
      website: el("input", { type: "text", name: "website", id: id("website"), tabindex: "-1", autocomplete: "off" })
    };
    var errors = {};
    var counted = el("span", { "class": "majlis-counted", text: "0" });
    function field(name, label, extra) {
      errors[name] = el("p", { "class": "majlis-field-error", id: id(name + "-error"), hidden: "" });
      return el("div", { "class": "majlis-field" }, [
        el("label", { "for": id(name) }, [label + " ", el("span", { "class": "majlis-required", text: "Required" })]),
        inputs[name]
      ].concat(extra || [], [errors[name]]));
    }
    var button = el("button", { type: "submit", "class": "majlis-submit", text: "Post comment" });
    var node = el("form", { "class": "majlis-form", novalidate: "" }, [
      el("h3", { text: "Post a comment" }), status, alert,
      field("name", "Name"),
      field("email", "E-mail", [el("p", { "class": "majlis-help", id: id("email-help"), text: "Never shown publicly." })]),
      field("text", "Comment", [el("p", { "class": "majlis-counter", id: id("counter"), "aria-live": "polite" },
        [counted, " / " + max + " characters"])]),
      el("div", { "class": "majlis-hp", "aria-hidden": "true" }, [
        el("label", { "for": id("website"), text: "Leave this field empty" }), inputs.website]),
      button
    ]);
    function recount() { counted.textContent = String(Array.from(inputs.text.value).length); }
    inputs.text.addEventListener("input", recount);

    function clear() {
      alert.hidden = true;
      alert.textContent = "";
      Object.keys(errors).forEach(function (name) {
        errors[name].hidden = true;
        errors[name].textContent = "";
        inputs[name].removeAttribute("aria-invalid");
        var help = { email: id("email-help"), text: id("counter") }[name];
        if (help) inputs[name].setAttribute("aria-describedby", help);
        else inputs[name].removeAttribute("aria-describedby");
      });
    }
    function fail(message) {
      alert.textContent = message || "Something went wrong. Please try again.";
      alert.hidden = false;
    }

    node.addEventListener("submit", function (event) {
      event.preventDefault();
      clear();
      status.textContent = "";
      var body = { title: document.title, language: lang };
      Object.keys(target).forEach(function (k) { body[k] = target[k]; });
      Object.keys(inputs).forEach(function (k) { body[k] = inputs[k].value; });
      button.disabled = true;
      call("POST", "/comments", body).then(function (res) {
        button.disabled = false;
        if (res.ok) {
          node.reset();
          recount();
          status.textContent = res.data.message;
          return;
        }
        var err = res.data.error || {};
        var first = null;
        Object.keys(err.fields || {}).forEach(function (name) {
          if (!errors[name]) return;
          errors[name].textContent = err.fields[name].join(" ");
          errors[name].hidden = false;
          inputs[name].setAttribute("aria-invalid", "true");
          inputs[name].setAttribute("aria-describedby",
            ((inputs[name].getAttribute("aria-describedby") || "") + " " + id(name + "-error")).trim());
          first = first || inputs[name];
        });
        if (first) first.focus();
        else fail(err.message);
      }, function () {
        button.disabled = false;
        fail();
      });
    });
    return node;
  }

  if (!document.querySelector("link[data-majlis-css]")) {
    document.head.appendChild(el("link", { rel: "stylesheet", href: base + "/static/majlis/embed.css",
      "data-majlis-css": "" }));
  }
  // Article lists: <span data-majlis-count data-article-url="..."></span>
  // gets the number of approved comments; one request per 100 articles.
  function counts() {
    var nodes = Array.prototype.slice.call(document.querySelectorAll("[data-majlis-count]"));
    var urls = [];
    nodes.forEach(function (node) {
      var url = node.getAttribute("data-article-url");
      if (url && urls.indexOf(url) < 0) urls.push(url);
    });
    for (var i = 0; i < urls.length; i += 100) {
      call("GET", "/counts?" + urls.slice(i, i + 100).map(function (u) {
        return "url=" + encodeURIComponent(u);
      }).join("&")).then(function (res) {
        if (!res.ok) return;
        nodes.forEach(function (node) {
          var n = res.data.urls[node.getAttribute("data-article-url")];
          if (n !== undefined) node.textContent = String(n);
        });
      }, function () {});
    }
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-majlis-thread]"), mount);
    counts();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.Majlis = { mount: start };
})();
