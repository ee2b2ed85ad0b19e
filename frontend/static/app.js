// Enhancements of the pcii pages. Every form works without this script:
// it only edits interaction rows in place and narrows the data kinds of a
// row to the chosen provider.
(function () {
  "use strict";

  var rowName = /interactions\[(\d+|__i__)\]/g;

  // renumber gives each row its position in the field names, ids and
  // labels, so the server reads the rows in the order shown.
  function renumber(rows) {
    var list = rows.querySelectorAll("[data-row]");
    list.forEach(function (row, i) {
      row.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v) { el.setAttribute(attr, v.replace(rowName, "interactions[" + i + "]")); }
        });
      });
      var num = row.querySelector(".row-number");
      if (num) { num.textContent = String(i + 1); }
      var tools = row.querySelector("[data-row-tools]");
      if (tools) {
        tools.querySelector("[data-up]").disabled = i === 0;
        tools.querySelector("[data-down]").disabled = i === list.length - 1;
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

  function enhanceRow(rows, row) {
    var tools = row.querySelector("[data-row-tools]");
    if (tools && !tools.hasChildNodes()) {
      tools.appendChild(button("↑", "data-up", "Переместить строку выше"));
      tools.appendChild(button("↓", "data-down", "Переместить строку ниже"));
      tools.appendChild(button("Удалить", "data-remove", "Удалить строку"));
    }
    var box = row.querySelector("[data-remove-box]");
    if (box) { box.hidden = true; }
    var provider = row.querySelector("[data-provider-select]");
    if (provider) {
      provider.addEventListener("change", function () { narrowKinds(row); });
      narrowKinds(row);
    }
  }

  function setupChartForm() {
    var rows = document.querySelector("[data-rows]");
    var template = document.getElementById("row-template");
    if (!rows || !template) { return; }
    rows.querySelectorAll("[data-row]").forEach(function (row) { enhanceRow(rows, row); });
    renumber(rows);

    rows.addEventListener("click", function (e) {
      var t = e.target;
      var row = t.closest ? t.closest("[data-row]") : null;
      if (!row) { return; }
      if (t.hasAttribute("data-remove")) {
        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber(rows);
        var focus = next ? next.querySelector("input,select,textarea") : document.querySelector("[data-add-row]");
        if (focus) { focus.focus(); }
      } else if (t.hasAttribute("data-up") && row.previousElementSibling) {
        rows.insertBefore(row, row.previousElementSibling);
        renumber(rows);
        t.focus();
      } else if (t.hasAttribute("data-down") && row.nextElementSibling) {
        rows.insertBefore(row.nextElementSibling, row);
        renumber(rows);
        t.focus();
      }
    });

    var add = document.querySelector("[data-add-row]");
    if (add) {
      add.addEventListener("click", function (e) {
        e.preventDefault();
        var copy = template.content.firstElementChild.cloneNode(true);
        rows.appendChild(copy);
        enhanceRow(rows, copy);
        renumber(rows);
        var first = copy.querySelector("input,textarea,select");
        if (first) { first.focus(); }
      });
    }
  }

  // Passport documents: the data kind select only applies to documents
  // obtained through interaction.
  function setupPassportForm() {
    document.querySelectorAll(".passport-doc").forEach(function (doc) {
      var source = doc.querySelector("select[name$='.source']");
      var kind = doc.querySelector("[data-kind-select]");
      if (!source || !kind) { return; }
      var sync = function () { kind.closest(".field").hidden = source.value !== "interdepartmental"; };
      source.addEventListener("change", sync);
      sync();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupChartForm();
    setupPassportForm();
  });
})();
