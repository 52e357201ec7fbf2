(function () {
  "use strict";
  // The posts table of the voicecheck report. Every piece of post data is written with
  // textContent or createTextNode, never as HTML.
  var data = JSON.parse(document.getElementById("vc-data").textContent);
  var posts = data.posts;
  var PAGE = 50;
  var STAGES = {awareness: "знакомство", interest: "интерес", trust: "доверие", action: "действие"};
  var TYPES = {expert: "экспертный", entertainment: "развлекательный", other: "прочее"};
  var VOICES = {i: "я", we: "мы", none: "—"};
  var compare = data.accounts.length > 1;
  var state = {q: "", account: "", stage: "", type: "", voice: "", topic: "", flag: "", sort: "i", dir: 1, page: 0};
  var shown = posts;
  var tbody = document.querySelector("#posts-table tbody");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function lower(post) {
    if (post._lc === undefined) post._lc = (post.t || "").toLowerCase();
    return post._lc;
  }

  function matches(post) {
    if (state.account !== "" && String(post.a) !== state.account) return false;
    if (state.q) {
      if (state.q.indexOf("id:") === 0) {
        if (String(post.id).toLowerCase() !== state.q.slice(3).trim().toLowerCase()) return false;
      } else if (lower(post).indexOf(state.q) < 0 && String(post.id).toLowerCase() !== state.q) {
        return false;
      }
    }
    if (state.stage && post.st !== state.stage) return false;
    if (state.type && post.ty !== state.type) return false;
    if (state.voice && post.v !== state.voice) return false;
    if (state.topic && post.a + ":" + post.tp !== state.topic) return false;
    switch (state.flag) {
      case "case": return !!post.c;
      case "cta": return !!post.cta;
      case "offer": return !!post.of;
      case "imp": return !!post.imp;
      case "live": return !post.s && !post.imp;
      case "oc": return !!post.oc;
      case "skipped": return !!post.s;
    }
    return true;
  }

  function compareBy(key, dir) {
    return function (x, y) {
      var a = x[key], b = y[key];
      var aMissing = a === undefined || a === null || a === "";
      var bMissing = b === undefined || b === null || b === "";
      if (aMissing || bMissing) return aMissing === bMissing ? x.i - y.i : aMissing ? 1 : -1;
      if (a < b) return -dir;
      if (a > b) return dir;
      return x.a - y.a || x.i - y.i;
    };
  }

  function highlighted(text, spans) {
    var box = el("div", "text");
    if (!spans || !spans.length) {
      box.textContent = text;
      return box;
    }
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    cuts = cuts.filter(function (c, k) { return c >= 0 && c <= text.length && cuts.indexOf(c) === k; });
    cuts.sort(function (a, b) { return a - b; });
    for (var k = 0; k + 1 < cuts.length; k++) {
      var start = cuts[k], end = cuts[k + 1];
      var piece = text.slice(start, end);
      var over = spans.filter(function (s) { return s[0] <= start && s[1] >= end; });
      if (!over.length) {
        box.appendChild(document.createTextNode(piece));
        continue;
      }
      var classes = ["hl"], titles = [];
      over.forEach(function (s) {
        s[2].split(" ").forEach(function (c) {
          if (classes.indexOf("hl-" + c) < 0) classes.push("hl-" + c);
        });
        titles.push(data.labels[s[3]] || s[3]);
      });
      var mark = el("mark", classes.join(" "), piece);
      mark.title = titles.join("; ");
      box.appendChild(mark);
    }
    return box;
  }

  function badges(post) {
    var cell = el("td", "labels");
    if (post.s) {
      cell.appendChild(el("span", "badge-status", data.statuses[post.s] || post.s));
      if (post.r) cell.appendChild(el("div", "reason", post.r));
      return cell;
    }
    if (post.c) cell.appendChild(el("span", "tag tag-case", "кейс"));
    if (post.cta) cell.appendChild(el("span", "tag tag-cta", "призыв"));
    if (post.of) cell.appendChild(el("span", "tag tag-cta", "оффер"));
    if (post.imp) cell.appendChild(el("span", "tag tag-imp", "безликий"));
    if (post.oc) cell.appendChild(el("span", "tag tag-oc", "вне ядра"));
    var topic = (data.topics[post.a] || []).filter(function (t) { return t.id === post.tp; })[0];
    if (topic) cell.appendChild(el("div", "topic", "тема: " + topic.label));
    return cell;
  }

  function row(post) {
    var tr = el("tr", post.s ? "skipped-row" : "");
    tr.appendChild(el("td", "num", post.id || post.i + 1));
    if (compare) tr.appendChild(el("td", "", data.accounts[post.a]));
    tr.appendChild(el("td", "date", post.d));
    var stage = el("td", "", STAGES[post.st] || "");
    if (post.sp !== undefined && post.sp !== null) {
      stage.appendChild(el("div", post.sl ? "prob low" : "prob", Math.round(post.sp * 100) + "%" + (post.sl ? " ?" : "")));
    }
    tr.appendChild(stage);
    tr.appendChild(el("td", "", TYPES[post.ty] || ""));
    tr.appendChild(el("td", "", VOICES[post.v] || ""));
    tr.appendChild(badges(post));
    tr.appendChild(el("td", "num", post.is === undefined || post.is === null ? "" : post.is));
    tr.appendChild(el("td", "num", post.er === undefined || post.er === null ? "" : (post.er * 100).toFixed(2).replace(".", ",") + "%"));
    tr.appendChild(el("td", "num", post.w === undefined ? "" : post.w));
    var text = el("td", "text-cell");
    text.appendChild(highlighted(post.t || "", post.e));
    tr.appendChild(text);
    return tr;
  }

  function draw() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var first = state.page * PAGE;
    var fragment = document.createDocumentFragment();
    shown.slice(first, first + PAGE).forEach(function (post) { fragment.appendChild(row(post)); });
    tbody.textContent = "";
    tbody.appendChild(fragment);
    var count = shown.length
      ? "Показаны " + (first + 1) + "–" + Math.min(first + PAGE, shown.length) + " из " + shown.length
      : "Ни один пост не подходит под фильтры";
    if (shown.length !== posts.length) count += " (всего постов " + posts.length + ")";
    document.getElementById("vc-count").textContent = count;
    document.getElementById("p-page").textContent = "страница " + (state.page + 1) + " из " + pages;
    document.getElementById("p-prev").disabled = state.page === 0;
    document.getElementById("p-next").disabled = state.page >= pages - 1;
  }

  function update() {
    shown = posts.filter(matches);
    shown.sort(compareBy(state.sort, state.dir));
    draw();
  }

  function bind(id, key, transform) {
    var input = document.getElementById(id);
    if (!input) return;
    input.addEventListener("input", function () {
      state[key] = transform ? transform(input.value) : input.value;
      state.page = 0;
      update();
    });
  }

  function fillTopics() {
    var select = document.getElementById("f-topic");
    data.topics.forEach(function (topics, account) {
      topics.forEach(function (topic) {
        var name = (compare ? data.accounts[account] + ": " : "") + (topic.core ? "● " : "○ ") + topic.label;
        var option = el("option", "", name);
        option.value = account + ":" + topic.id;
        select.appendChild(option);
      });
    });
  }

  function setFilter(id, key, value) {
    var input = document.getElementById(id);
    if (input) input.value = value;
    state[key] = value;
  }

  function reset() {
    [["f-q", "q"], ["f-account", "account"], ["f-stage", "stage"], ["f-type", "type"],
     ["f-voice", "voice"], ["f-topic", "topic"], ["f-flag", "flag"]].forEach(function (pair) {
      setFilter(pair[0], pair[1], "");
    });
    state.page = 0;
    update();
  }

  document.querySelectorAll("#posts-table th[data-sort]").forEach(function (th) {
    th.tabIndex = 0;
    var sort = function () {
      var key = th.getAttribute("data-sort");
      state.dir = state.sort === key ? -state.dir : 1;
      state.sort = key;
      document.querySelectorAll("#posts-table th[data-sort]").forEach(function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      update();
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
  });
  document.querySelectorAll("#legend button[data-cat]").forEach(function (button) {
    button.addEventListener("click", function () {
      var off = document.body.classList.toggle("hide-" + button.getAttribute("data-cat"));
      button.setAttribute("aria-pressed", off ? "false" : "true");
    });
  });
  document.querySelectorAll(".post-link").forEach(function (button) {
    button.addEventListener("click", function () {
      reset();
      setFilter("f-q", "q", "id:" + button.getAttribute("data-post"));
      if (compare) setFilter("f-account", "account", button.getAttribute("data-account"));
      update();
      document.getElementById("posts").scrollIntoView();
    });
  });
  bind("f-q", "q", function (value) { return value.trim().toLowerCase(); });
  bind("f-account", "account");
  bind("f-stage", "stage");
  bind("f-type", "type");
  bind("f-voice", "voice");
  bind("f-topic", "topic");
  bind("f-flag", "flag");
  document.getElementById("f-reset").addEventListener("click", reset);
  document.getElementById("p-prev").addEventListener("click", function () { state.page -= 1; draw(); });
  document.getElementById("p-next").addEventListener("click", function () { state.page += 1; draw(); });
  fillTopics();
  update();
  window.__vcReady = performance.now();
  window.addEventListener("load", function () {
    requestAnimationFrame(function () {
      setTimeout(function () { window.__vcPainted = performance.now(); }, 0);
    });
  });
})();
