/* Help pages: suggest a region from the phone's time zone (a link the visitor
   confirms, never a redirect) and mark lines open or closed now from their
   weekly hours. No location, no network request, nothing stored. */
(function () {
  var box = document.querySelector("[data-suggest]");
  if (box && window.Intl && window.JSON) {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      var hit = JSON.parse(box.getAttribute("data-zones"))[zone];
      if (hit) {
        var link = box.querySelector("[data-suggest-link]");
        link.href = hit.href;
        link.textContent = hit.name;
        box.hidden = false;
      }
    } catch (e) { /* no suggestion */ }
  }
  var items = document.querySelectorAll("[data-hours]");
  for (var i = 0; i < items.length; i++) {
    try {
      var hours = JSON.parse(items[i].getAttribute("data-hours"));
      var parts = new Intl.DateTimeFormat("en-US", {
        timeZone: hours.timezone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).formatToParts(new Date());
      var now = {};
      for (var p = 0; p < parts.length; p++) now[parts[p].type] = parts[p].value;
      var day = now.weekday.slice(0, 3).toLowerCase();
      var time = (now.hour === "24" ? "00" : now.hour) + ":" + now.minute;
      var open = false;
      for (var k = 0; k < hours.periods.length; k++) {
        var period = hours.periods[k];
        if (period.days.indexOf(day) >= 0 && time >= period.opens && time < period.closes) open = true;
      }
      var label = items[i].querySelector("[data-open-now]");
      label.textContent = label.getAttribute(open ? "data-open" : "data-closed");
      label.hidden = false;
    } catch (e) { /* hours stay as written */ }
  }
})();
