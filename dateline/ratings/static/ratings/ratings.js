/* Ratings widget: votes in place (no reload) through Dateline.postForm; every text comes from the server.
 *
 * Without JavaScript (or if this script fails) the star buttons submit a GET form to the
 * small rating page, which confirms the vote with a CSRF-protected POST.
 */
(function () {
  "use strict";
  var D = window.Dateline;
  var box = document.querySelector("[data-rating]");
  if (!box || !D || !D.postForm) return;
  var form = box.querySelector("form");
  var stars = box.querySelectorAll(".rating-star");
  var average = box.querySelector("[data-rating-average]");
  var count = box.querySelector("[data-rating-count]");
  var status = box.querySelector("[data-rating-status]");

  function say(text, isError) {
    status.textContent = text || "";
    status.classList.toggle("is-error", !!isError);
  }

  function render(r) {
    if (!r) return;
    average.textContent = r.averageText || "";
    average.hidden = !r.averageText;
    count.textContent = r.countText || "";
    var shown = r.myVote || r.stars || 0;
    Array.prototype.forEach.call(stars, function (star, i) {
      var n = i + 1;
      star.classList.toggle("is-on", n <= shown);
      star.classList.toggle("is-mine", !!r.myVote && n <= r.myVote);
      star.setAttribute("aria-pressed", r.myVote === n ? "true" : "false");
    });
    box.setAttribute("data-my-vote", r.myVote || "");
  }

  function busy(on) {
    Array.prototype.forEach.call(stars, function (star) { star.disabled = on; });
  }

  var stateFailed = false;
  D.readerState.then(function (state) {
    render(state.ratings);
    if (state.ratings && state.ratings.myVoteText && !status.textContent) say(state.ratings.myVoteText);
  }).catch(function () {
    stateFailed = true; // no CSRF token: the stars fall back to the plain form (the rating page)
  });

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.value || stateFailed) return; // let the plain form work
    event.preventDefault();
    var data = new FormData();
    data.append("stars", button.value);
    busy(true);
    say(box.getAttribute("data-sending-text"));
    D.postForm(box.getAttribute("data-rating-url"), data)
      .then(function (res) {
        if (res.ok && res.data && res.data.ratings) {
          render(res.data.ratings);
          say(res.data.message);
        } else {
          say(res.data && res.data.error ? res.data.error.message : box.getAttribute("data-error-text"), true);
        }
      })
      .catch(function () { say(box.getAttribute("data-error-text"), true); })
      .then(function () {
        busy(false);
        button.focus();
      });
  });
})();
