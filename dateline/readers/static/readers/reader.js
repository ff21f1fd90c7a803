/* Dateline reader state: one small request after the (cacheable) article page loads.
 *
 * window.Dateline.readerState  - a Promise of the state JSON (csrfToken, ratings, comments...)
 * window.Dateline.postForm(url, formData) - POST with the CSRF token; resolves to {ok, status, data}
 */
(function () {
  "use strict";
  var D = (window.Dateline = window.Dateline || {});
  var article = document.querySelector("[data-reader-state-url]");
  D.readerState = article
    ? fetch(article.getAttribute("data-reader-state-url"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (r) {
        if (!r.ok) throw new Error("reader state " + r.status);
        return r.json();
      })
    : Promise.reject(new Error("no article"));
  D.readerState.catch(function () {});
  D.postForm = function (url, formData) {
    return D.readerState.then(function (state) {
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": state.csrfToken, Accept: "application/json", "X-Requested-With": "fetch" },
        body: formData,
      }).then(function (r) {
        return r
          .json()
          .catch(function () { return {}; })
          .then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
      });
    });
  };
})();
