/* Quick exit: leave at once on a click or after Shift pressed three times,
   replacing this page in the history so Back does not return to it. The
   links work without this script; it only makes leaving faster. */
(function () {
  var bar = document.getElementById("exit");
  if (!bar || !window.location.replace) return;
  var status = bar.querySelector("[data-exit-status]");
  var hint = bar.querySelector("[data-exit-hint]");
  var target = bar.querySelector("a[data-exit]").href;
  var presses = 0;
  var timer = null;
  var modified = false;
  if (hint) hint.hidden = false;

  function say(key) {
    if (status) status.textContent = key ? bar.getAttribute("data-exit-" + key) : "";
  }
  function leave(event) {
    if (event) event.preventDefault();
    document.body.className += " exiting";
    document.title = bar.getAttribute("data-exit-loading");
    window.location.replace(target);
  }
  function reset() {
    presses = 0;
    clearTimeout(timer);
  }

  var links = document.querySelectorAll("a[data-exit]");
  for (var i = 0; i < links.length; i++) links[i].addEventListener("click", leave);

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Shift") modified = e.shiftKey || presses > 0;
  });
  document.addEventListener("keyup", function (e) {
    if (e.key !== "Shift") {
      if (presses) { reset(); say(""); }
      return;
    }
    if (modified) { modified = false; reset(); return; }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) { reset(); leave(); return; }
    say(presses === 1 ? "status-2" : "status-1");
    timer = setTimeout(function () { reset(); say("expired"); }, 5000);
  });

  window.addEventListener("pageshow", function () {
    document.body.className = document.body.className.replace(/\s*exiting/g, "");
    reset();
    say("");
  });
})();
