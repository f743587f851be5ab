// Teilhabe's own script: htmx sends the CSRF token with every request it makes.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
});

// On a phone the main navigation folds behind a "Menü" button; without JavaScript it
// stays open, so every page can still be reached.
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector(".site-nav");
  const toggle = nav && nav.querySelector(".site-nav__toggle");
  if (!nav || !toggle) {
    return;
  }
  nav.classList.add("site-nav--foldable");
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("site-nav--open", open);
  });
});

// Tables marked .table-stack become one card per row on a phone (app.css); each cell
// is labelled with its column header here, unless the template labelled it itself.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.table-stack")) {
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, index) => {
        if (!cell.hasAttribute("data-label") && headers[index] && !cell.hasAttribute("colspan")) {
          cell.setAttribute("data-label", headers[index]);
        }
      });
    }
  }
});

// A form came back with errors: the focus goes to its error summary (KERN), whose
// links lead to the fields, so keyboard and screen-reader users start at the problems.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
