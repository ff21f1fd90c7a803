/* Dateline share links: the "Copy link" button (the other links work without JavaScript). */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      var done = function (ok) {
        if (status) status.textContent = button.getAttribute(ok ? "data-copied" : "data-copy-failed");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
    });
  });
})();
