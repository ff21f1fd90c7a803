/* Dateline comments: the article's comment form in place, and the reader's own pending comments.
 *
 * The article HTML is cached and the same for every reader. This script reads the
 * reader state (Dateline.readerState: pending comments, count, open, one-time nonce),
 * shows the reader's comments awaiting moderation, reveals the form, and posts it with
 * Dateline.postForm (CSRF token, JSON answer). Everything the reader wrote is put into
 * the page with textContent, never as HTML. Interface strings come from the page
 * (<script type="application/json" id="comments-strings">), in the page's language.
 */
(function () {
  "use strict";
  var D = window.Dateline || {};
  var section = document.querySelector("[data-comments]");
  if (!section || !D.readerState) return;

  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("comments-strings").textContent);
  } catch (e) { /* keep defaults empty */ }

  var list = section.querySelector("[data-comment-list]");
  var form = section.querySelector("[data-comment-form]");
  var addLink = section.querySelector("[data-comment-add-link]");
  var countEl = section.querySelector("[data-comments-count]");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderComment(c, pending) {
    var item = el("li", "comment" + (c.parent ? " comment--reply" : "") + (pending ? " comment--pending" : ""));
    item.id = "comment-" + c.id;
    item.setAttribute("data-comment-id", c.id);
    var card = el("article", "comment-card");
    var meta = el("header", "comment-meta");
    meta.appendChild(el("bdi", "comment-author", c.name)); // isolated: a right-to-left name cannot reorder the row
    var time = el("time", "comment-time", c.createdLabel);
    time.setAttribute("datetime", c.created);
    meta.appendChild(time);
    if (pending) meta.appendChild(el("span", "comment-badge", strings.awaiting || ""));
    card.appendChild(meta);
    var body = el("div", "comment-body comment-body--plain", c.body);
    body.setAttribute("dir", "auto");
    card.appendChild(body);
    item.appendChild(card);
    if (!c.parent) {
      var replies = el("ol", "comment-replies");
      replies.setAttribute("data-replies-of", c.id);
      item.appendChild(replies);
    }
    return item;
  }

  function place(c, pending) {
    if (document.getElementById("comment-" + c.id)) return; // already on the page
    var target = list;
    if (c.parent) {
      target = section.querySelector('[data-replies-of="' + String(c.parent).replace(/\D/g, "") + '"]') || list;
    }
    target.appendChild(renderComment(c, pending));
  }

  // The published count; "No comments yet" is hidden while the reader's own pending comment is shown.
  function setCount(label, count) {
    if (!countEl) return;
    if (label) countEl.textContent = label;
    if (typeof count === "number") countEl.hidden = count === 0 && list.querySelector(".comment") !== null;
  }

  function showStatus(text, kind) {
    var status = form.querySelector("[data-form-status]");
    status.textContent = text;
    status.className = "comment-form-status" + (kind ? " comment-form-status--" + kind : "");
    status.hidden = !text;
  }

  function setReply(parentId, name) {
    var parentField = form.querySelector("[data-parent-field]");
    var replying = form.querySelector("[data-replying]");
    parentField.value = parentId || "";
    if (parentId) {
      replying.querySelector("[data-replying-label]").textContent = (strings.replyingTo || "").replace("%(name)s", name);
      replying.hidden = false;
      var li = document.getElementById("comment-" + parentId);
      if (li) li.appendChild(form);
    } else {
      replying.hidden = true;
      section.insertBefore(form, addLink ? addLink.nextSibling : null);
    }
    form.querySelector("textarea").focus();
  }

  function closeComments() {
    if (form) form.hidden = true;
    if (addLink) addLink.hidden = true;
    section.querySelectorAll(".comment-actions").forEach(function (n) { n.hidden = true; });
    var late = section.querySelector("[data-comments-closed-late]");
    if (late && !section.querySelector("[data-comments-closed]")) late.hidden = false;
  }

  D.readerState.then(function (state) {
    var mine = state.comments;
    if (!mine) return;
    (mine.recent || []).forEach(function (c) { place(c, false); });
    (mine.pending || []).forEach(function (c) { place(c, true); });
    setCount(mine.countLabel, mine.count);
    if (!mine.open) { closeComments(); return; }
    if (!form) return;
    form.querySelector("[data-nonce-field]").value = mine.nonce;
    form.hidden = false;
    if (addLink) addLink.hidden = true;
  }).catch(function () { /* no state: the no-JavaScript links keep working */ });

  if (!form) return;

  section.addEventListener("click", function (event) {
    var reply = event.target.closest("[data-reply-to]");
    if (reply && !form.hidden) {
      event.preventDefault();
      setReply(reply.getAttribute("data-reply-to"), reply.getAttribute("data-reply-name"));
    }
    if (event.target.closest("[data-cancel-reply]")) {
      event.preventDefault();
      setReply(null);
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("[data-submit]");
    button.disabled = true;
    showStatus(strings.sending || "", "");
    D.postForm(form.getAttribute("action"), new FormData(form)).then(function (result) {
      var data = result.data || {};
      if (data.nonce) form.querySelector("[data-nonce-field]").value = data.nonce;
      if (!result.ok) {
        var err = data.error || {};
        showStatus(err.message || strings.failed || "", "error");
        if (err.code === "closed") closeComments();
        if (err.nonce) form.querySelector("[data-nonce-field]").value = err.nonce;
        return;
      }
      place(data.comment, data.state !== "approved");
      setCount(data.countLabel, data.count);
      form.querySelector("textarea").value = "";
      showStatus(data.message || "", "ok");
      var node = document.getElementById("comment-" + data.comment.id);
      if (form.querySelector("[data-parent-field]").value) setReply(null);
      if (node) node.scrollIntoView({ block: "nearest" });
    }).catch(function () {
      showStatus(strings.failed || "", "error");
    }).then(function () {
      button.disabled = false;
    });
  });
})();
