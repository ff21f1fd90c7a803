/* Dateline spelling-error reports (the Orphus pattern).
 *
 * The reader selects text in the article and presses Ctrl+Enter (or the "Report an
 * error" control, for touch screens). A selection over the limit is refused on the
 * spot; an empty one, or one outside the article text, gets a hint; otherwise a
 * native <dialog> shows the selection in its context and sends it with
 * window.Dateline.postForm (readers/reader.js). Every string comes from the page
 * (data-msg-* attributes of [data-errorreport]), in the page's language.
 *
 * The plain text of the article is built exactly as the server builds it
 * (dateline/errorreports/passages.py): a space at every block boundary, inline
 * markup removed, whitespace runs collapsed; the context is the 60 (data-context-chars)
 * characters each side of the selection in that text.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-errorreport]");
  var articleText = document.querySelector("[data-article-text]");
  if (!root || !articleText) return;

  var BLOCKS = {};
  ("ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT EMBED FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 " +
    "HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY TD TFOOT TH THEAD TR UL")
    .split(" ")
    .forEach(function (tag) { BLOCKS[tag] = true; });
  var HIDDEN = { SCRIPT: true, STYLE: true, TEMPLATE: true, NOSCRIPT: true };
  var WS = /[\s\ufeff]+/g;

  var maxSelection = parseInt(root.getAttribute("data-max-selection"), 10) || 200;
  var contextChars = parseInt(root.getAttribute("data-context-chars"), 10) || 60;
  var reportUrl = root.getAttribute("data-report-url");
  function msg(name) { return root.getAttribute("data-msg-" + name) || ""; }

  var dialog = root.querySelector("[data-errorreport-dialog]");
  var form = root.querySelector("[data-errorreport-form]");
  var quote = root.querySelector("[data-errorreport-quote]");
  var comment = form.querySelector("textarea[name=comment]");
  var errorBox = root.querySelector("[data-errorreport-error]");
  var sendButton = root.querySelector("[data-errorreport-send]");
  var alertRegion = root.querySelector("[data-errorreport-alert]");
  var statusRegion = root.querySelector("[data-errorreport-status]");
  var fab = root.querySelector("[data-errorreport-fab]");
  var openers = root.querySelectorAll("[data-errorreport-open]");

  function norm(s) { return s.replace(WS, " "); }
  function codePoints(s) { return Array.from(s).length; }

  /* The article's plain text and where each text node starts in it. */
  function textModel() {
    var text = "";
    var segments = [];
    (function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          segments.push({ node: child, start: text.length });
          text += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE && !HIDDEN[child.tagName]) {
          var block = BLOCKS[child.tagName];
          if (block) text += " ";
          walk(child);
          if (block) text += " ";
        }
      }
    })(articleText);
    return { text: text, segments: segments };
  }

  /* The offset in the plain text of a range boundary point, or -1. */
  function offsetOf(model, container, offset) {
    var i;
    if (container.nodeType === Node.TEXT_NODE) {
      for (i = 0; i < model.segments.length; i++) {
        if (model.segments[i].node === container) return model.segments[i].start + offset;
      }
      return -1;
    }
    var point = document.createRange();
    point.setStart(container, offset);
    for (i = 0; i < model.segments.length; i++) {
      if (point.comparePoint(model.segments[i].node, 0) >= 0) return model.segments[i].start;
    }
    return model.text.length;
  }

  /* What the reader selected: {kind: "ok"|"empty"|"outside"|"too_long", selected, before, after, range}. */
  function describeSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return { kind: "empty" };
    if (!norm(selection.toString()).trim()) return { kind: "empty" };
    var range = selection.getRangeAt(0);
    if (!articleText.contains(range.commonAncestorContainer)) return { kind: "outside" };
    var model = textModel();
    var start = offsetOf(model, range.startContainer, range.startOffset);
    var end = offsetOf(model, range.endContainer, range.endOffset);
    if (start < 0 || end < 0 || end <= start) return { kind: "outside" };
    var raw = model.text.slice(start, end);
    var selected = norm(raw).trim();
    if (!selected) return { kind: "empty" };
    if (codePoints(selected) > maxSelection) return { kind: "too_long" };
    var leading = raw.match(/^[\s\ufeff]*/)[0];
    var trailing = raw.match(/[\s\ufeff]*$/)[0];
    var before = norm(model.text.slice(0, start) + leading).replace(/^ /, "");
    var after = norm(trailing + model.text.slice(end)).replace(/ $/, "");
    if (before.length > contextChars) before = before.slice(before.length - contextChars);
    if (after.length > contextChars) after = after.slice(0, contextChars);
    return { kind: "ok", selected: selected, before: before, after: after, range: range.cloneRange() };
  }

  var toastTimer = null;
  function toast(region, title, detail) {
    alertRegion.textContent = "";
    statusRegion.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = title;
    region.appendChild(strong);
    if (detail) {
      region.appendChild(document.createTextNode(" "));
      var span = document.createElement("span");
      span.textContent = detail;
      region.appendChild(span);
    }
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      alertRegion.textContent = "";
      statusRegion.textContent = "";
    }, 8000);
  }

  var lastFocus = null;
  var savedRange = null;

  function openDialog(info, opener) {
    lastFocus = opener || document.activeElement;
    savedRange = info.range;
    quote.textContent = "";
    if (info.before) quote.appendChild(document.createTextNode("…" + info.before));
    var mark = document.createElement("mark");
    mark.textContent = info.selected;
    quote.appendChild(mark);
    if (info.after) quote.appendChild(document.createTextNode(info.after + "…"));
    form.elements.selected_text.value = info.selected;
    form.elements.context_before.value = info.before;
    form.elements.context_after.value = info.after;
    comment.value = "";
    errorBox.textContent = "";
    sendButton.disabled = false;
    alertRegion.textContent = "";
    fab.hidden = true;
    dialog.showModal();
    comment.focus();
  }

  function handle(info, opener) {
    if (dialog.open) return;
    if (info.kind === "ok") openDialog(info, opener);
    else if (info.kind === "too_long") toast(alertRegion, msg("too-long"), msg("too-long-detail"));
    else if (info.kind === "outside") toast(alertRegion, msg("outside"));
    else toast(alertRegion, msg("empty"));
  }

  function restoreSelection(range) {
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* On close (Send, Cancel, Esc, a click on the backdrop): focus goes back to where it was,
   * then the reader's selection is restored (focusing first would collapse it). */
  dialog.addEventListener("close", function () {
    var target = lastFocus;
    lastFocus = null;
    if (target && target !== document.body && document.contains(target) && target.getClientRects().length) {
      target.focus();
    }
    var range = savedRange;
    savedRange = null;
    if (!range) return;
    restoreSelection(range);
    setTimeout(function () {
      // the browser may still collapse the selection while it moves focus
      if (!dialog.open && window.getSelection().isCollapsed) restoreSelection(range);
    }, 0);
  });
  root.querySelector("[data-errorreport-cancel]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sendButton.disabled) return;
    sendButton.disabled = true;
    errorBox.textContent = msg("sending");
    window.Dateline.postForm(reportUrl, new FormData(form))
      .then(function (result) {
        if (result.ok) {
          dialog.close();
          toast(statusRegion, (result.data && result.data.message) || "");
        } else {
          errorBox.textContent = (result.data && result.data.error && result.data.error.message) || msg("failed");
          sendButton.disabled = false;
        }
      })
      .catch(function () {
        errorBox.textContent = msg("failed");
        sendButton.disabled = false;
      });
  });

  function isEditable(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    if (dialog.open) {
      if (dialog.contains(event.target)) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (isEditable(event.target)) return; // Ctrl+Enter in another form is that form's business
    event.preventDefault();
    handle(describeSelection(), null);
  });

  /* The visible controls (touch screens): the selection is read when the pointer goes down,
   * before a tap can collapse it. */
  var pending = null;
  Array.prototype.forEach.call(openers, function (opener) {
    if (opener.tagName === "A") {
      // with JavaScript the link opens the dialog: it acts as a button (Space too)
      opener.setAttribute("role", "button");
      opener.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          opener.click();
        }
      });
    }
    opener.setAttribute("aria-haspopup", "dialog");
    opener.addEventListener("pointerdown", function () { pending = describeSelection(); });
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      var info = pending && pending.kind !== "empty" ? pending : describeSelection();
      pending = null;
      handle(info, opener);
    });
  });

  /* The floating control shows while there is a selection inside the article text. */
  var scheduled = false;
  document.addEventListener("selectionchange", function () {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () {
      scheduled = false;
      var selection = window.getSelection();
      var inside =
        selection &&
        selection.rangeCount > 0 &&
        !selection.isCollapsed &&
        articleText.contains(selection.getRangeAt(0).commonAncestorContainer);
      if (!dialog.open) fab.hidden = !inside;
    });
  });
})();
