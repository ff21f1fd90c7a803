/* Dateline: a visible character counter on fields with data-max-chars (the comment box).
 *
 * Counts characters as the server does (dateline.readers.text.length): Unicode code
 * points, a line break as one, so an emoji is one character, not the two UTF-16 units
 * a maxlength attribute counts (and cuts in half). Over the limit the counter turns
 * red and the form is not sent (the text stays); the server checks the same limit.
 * Strings come from the field's data attributes, rendered in the page's language.
 */
(function () {
  "use strict";
  var number = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function chars(value) {
    return Array.from(value.replace(/\r\n?/g, "\n")).length;
  }

  function counterOf(field) {
    return field.parentNode.querySelector("[data-char-counter]");
  }

  function update(field) {
    var max = parseInt(field.getAttribute("data-max-chars"), 10);
    var count = chars(field.value);
    var over = count > max;
    var counter = counterOf(field);
    if (over) field.setAttribute("data-over-limit", "1"); else field.removeAttribute("data-over-limit");
    field.setAttribute("aria-invalid", over ? "true" : "false");
    if (!counter) return over;
    var template = field.getAttribute(over ? "data-too-long" : "data-counter") || "%(count)s / %(max)s";
    counter.textContent = template.replace("%(count)s", number.format(count)).replace("%(max)s", number.format(max));
    counter.className = "comment-counter" + (over ? " comment-counter--over" : "");
    counter.hidden = false;
    return over;
  }

  function init(root) {
    root.querySelectorAll("[data-max-chars]").forEach(function (field) {
      update(field);
      field.addEventListener("input", function () { update(field); });
    });
  }

  // Runs before the form's own submit handlers (capture): an over-long text is not sent.
  document.addEventListener("submit", function (event) {
    var over = false;
    event.target.querySelectorAll("[data-max-chars]").forEach(function (field) {
      if (update(field)) { over = true; field.focus(); }
    });
    if (over) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
