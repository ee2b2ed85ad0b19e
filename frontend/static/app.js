// Enhancements of the pcii pages. Every form works without this script:
// it only edits interaction rows and passport documents in place and
// narrows the data kinds of a row to the chosen provider.
(function () {
  "use strict";

  // renumber gives each row its position in the field names, ids and
  // labels, so the server reads the rows in the order shown. list is the
  // field name prefix of the rows, such as "interactions".
  function renumber(rows, list) {
    var rowName = new RegExp(list + "\\[(\\d+|__i__)\\]", "g");
    var items = rows.querySelectorAll("[data-row]");
    items.forEach(function (row, i) {
      row.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v) { el.setAttribute(attr, v.replace(rowName, list + "[" + i + "]")); }
        });
      });
      var num = row.querySelector(".row-number");
      if (num) { num.textContent = String(i + 1); }
      var tools = row.querySelector("[data-row-tools]");
      if (tools) {
        tools.querySelector("[data-up]").disabled = i === 0;
        tools.querySelector("[data-down]").disabled = i === items.length - 1;
      }
    });
  }

  function button(label, attr, title) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.setAttribute(attr, "");
    b.setAttribute("aria-label", title);
    b.title = title;
    return b;
  }

  // narrowKinds shows only the data kinds of the chosen provider.
  function narrowKinds(row) {
    var provider = row.querySelector("[data-provider-select]");
    var kinds = row.querySelector("[data-kind-select]");
    if (!provider || !kinds) { return; }
    var code = provider.value;
    kinds.querySelectorAll("optgroup").forEach(function (g) {
      var show = !code || g.getAttribute("data-provider") === code;
      g.hidden = !show;
      g.disabled = !show;
    });
    var chosen = kinds.selectedOptions[0];
    if (chosen && chosen.value && code && chosen.getAttribute("data-provider") !== code) {
      kinds.value = "";
    }
  }

  function enhanceRow(row, noun) {
    var tools = row.querySelector("[data-row-tools]");
    if (tools && !tools.hasChildNodes()) {
      tools.appendChild(button("↑", "data-up", "Переместить " + noun + " выше"));
      tools.appendChild(button("↓", "data-down", "Переместить " + noun + " ниже"));
      tools.appendChild(button("Удалить", "data-remove", "Удалить " + noun));
    }
    var box = row.querySelector("[data-remove-box]");
    if (box) { box.hidden = true; }
    var provider = row.querySelector("[data-provider-select]");
    if (provider) {
      provider.addEventListener("change", function () { narrowKinds(row); });
      narrowKinds(row);
    }
  }

  // setupRows edits the repeated rows of a form in place: each row gets
  // move and remove buttons, and the add button copies the template row
  // instead of asking the server for a new form. onRow runs for every row,
  // including added ones.
  function setupRows(opts) {
    var rows = document.querySelector(opts.rows);
    var template = document.getElementById(opts.template);
    if (!rows || !template) { return; }
    var onRow = opts.onRow || function () {};
    rows.querySelectorAll("[data-row]").forEach(function (row) { enhanceRow(row, opts.noun); onRow(row); });
    renumber(rows, opts.list);

    rows.addEventListener("click", function (e) {
      var t = e.target;
      var row = t.closest ? t.closest("[data-row]") : null;
      if (!row) { return; }
      if (t.hasAttribute("data-remove")) {
        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber(rows, opts.list);
        var focus = next ? next.querySelector("input,select,textarea") : document.querySelector(opts.add);
        if (focus) { focus.focus(); }
      } else if (t.hasAttribute("data-up") && row.previousElementSibling) {
        rows.insertBefore(row, row.previousElementSibling);
        renumber(rows, opts.list);
        t.focus();
      } else if (t.hasAttribute("data-down") && row.nextElementSibling) {
        rows.insertBefore(row.nextElementSibling, row);
        renumber(rows, opts.list);
        t.focus();
      }
    });

    var add = document.querySelector(opts.add);
    if (add) {
      add.addEventListener("click", function (e) {
        e.preventDefault();
        var copy = template.content.firstElementChild.cloneNode(true);
        rows.appendChild(copy);
        enhanceRow(copy, opts.noun);
        onRow(copy);
        renumber(rows, opts.list);
        var first = copy.querySelector("input,textarea,select");
        if (first) { first.focus(); }
      });
    }
  }

  function setupChartForm() {
    setupRows({rows: "[data-rows]", template: "row-template", add: "[data-add-row]", list: "interactions",
      noun: "строку"});
  }

  // Passport documents: the data kind select only applies to documents
  // obtained through interaction.
  function syncDocumentKind(doc) {
    var source = doc.querySelector("select[name$='.source']");
    var kind = doc.querySelector("[data-kind-select]");
    if (!source || !kind) { return; }
    var sync = function () { kind.closest(".field").hidden = source.value !== "interdepartmental"; };
    source.addEventListener("change", sync);
    sync();
  }

  function setupPassportForm() {
    var rows = document.querySelector("[data-doc-rows]");
    if (!rows) { return; }
    setupRows({rows: "[data-doc-rows]", template: "doc-template", add: "[data-add-doc]", list: "documents",
      noun: "документ", onRow: syncDocumentKind});
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupChartForm();
    setupPassportForm();
  });
})();
