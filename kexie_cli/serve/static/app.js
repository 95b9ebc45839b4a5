// kexie serve: small helpers for the edit form (add and remove list rows) and the back links.
// Plain JavaScript, no library; every page works without it except adding list rows.
"use strict";
(function () {
  var counter = 0;
  function addRow(button) {
    var list = button.closest("[data-list]");
    var template = list.querySelector("template[data-template]");
    if (!template) { return; }
    counter += 1;
    var key = "n" + counter;
    var html = template.innerHTML.split("__i__").join(key);
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    list.insertBefore(row, template);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if (target.matches("[data-add]")) {
      event.preventDefault();
      addRow(target);
    } else if (target.matches("[data-remove]")) {
      event.preventDefault();
      var row = target.closest("[data-row]");
      if (row) { row.remove(); }
    } else if (target.matches("[data-back]") && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
