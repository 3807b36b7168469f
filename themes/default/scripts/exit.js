/* Quick exit: leave at once on a click or after Shift pressed three times
   (each press within 5 seconds of the last), replacing this page in the
   history so Back does not return to it. The page is blanked first, in the
   system's own colours, so nothing stays on screen on a slow connection.
   Without this script the exit links still work as plain links. */
(function () {
  var bar = document.getElementById("exit");
  if (!bar || !document.querySelector || !window.location.replace) return;
  var status = bar.querySelector("[data-exit-status]");
  var hint = bar.querySelector("[data-exit-hint]");
  var messages = bar.querySelector("template[data-exit-messages]");
  var target = bar.querySelector("a[data-exit]").href;
  var title = document.title;
  var presses = 0;
  var timer = null;
  var modified = false;
  var overlay = null;
  if (hint) hint.hidden = false;

  /* A copy of one message, with its `lang` marks. */
  function message(key) {
    var source = messages && messages.content &&
      messages.content.querySelector('[data-say="' + key + '"]');
    return source ? source.cloneNode(true) : document.createTextNode("");
  }
  function say(key) {
    if (!status) return;
    while (status.firstChild) status.removeChild(status.firstChild);
    if (key) status.appendChild(message(key));
  }
  function reset() {
    presses = 0;
    clearTimeout(timer);
  }
  function leave(event) {
    if (event) event.preventDefault();
    reset();
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "exit-overlay";
      overlay.setAttribute("role", "alert");
      overlay.appendChild(message("loading"));
      document.body.appendChild(overlay);
      document.body.className += " exiting";
      document.title = overlay.textContent.replace(/\s+/g, " ").trim();
    }
    window.location.replace(target);
  }

  var links = document.querySelectorAll("a[data-exit]");
  for (var i = 0; i < links.length; i++) links[i].addEventListener("click", leave);

  /* `history: single`: a link to another page of this site (or to a place
     on this page) replaces the current history entry instead of adding one,
     so that after the exit replaces the last one the tab's Back list holds
     no page of the visit. Clicks that open a new tab or window, downloads
     and links to other hosts behave as usual. */
  if (document.documentElement.getAttribute("data-history") === "single") {
    document.addEventListener("click", function (e) {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      var a = e.target.closest ? e.target.closest("a[href]") : null;
      if (!a || a.hasAttribute("data-exit") || a.hasAttribute("download") || (a.target && a.target !== "_self")) return;
      if (a.protocol !== location.protocol || a.host !== location.host) return;
      e.preventDefault();
      window.location.replace(a.href);
    });
  }

  /* Shift counts only when pressed and released alone: Shift+A and
     Shift+Tab do not, and any other key starts the count again. */
  document.addEventListener("keydown", function (e) {
    if (e.key === "Shift") return;
    modified = e.shiftKey;
    if (presses) { reset(); say(""); }
  });
  document.addEventListener("keyup", function (e) {
    if (e.key !== "Shift") return;
    if (modified) { modified = false; return; }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) { leave(); return; }
    say(presses === 1 ? "status-2" : "status-1");
    timer = setTimeout(function () { reset(); say("expired"); }, 5000);
  });

  /* Shown again from the browser's page cache: undo the blanking. */
  window.addEventListener("pageshow", function () {
    if (overlay) {
      overlay.parentNode.removeChild(overlay);
      overlay = null;
    }
    document.body.className = document.body.className.replace(/\s*exiting/g, "");
    document.title = title;
    reset();
    say("");
  });
})();
