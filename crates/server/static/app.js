// cordon web app: small progressive enhancements; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Run the chosen scenario as soon as it is picked.
  const sel = document.getElementById("scenario-select");
  if (sel && sel.form) {
    sel.addEventListener("change", () => sel.form.submit());
  }
  // Submitting the incident filters drops empty fields from the URL.
  const filters = document.querySelector("form.filters");
  if (filters) {
    filters.addEventListener("submit", () => {
      for (const el of filters.elements) {
        if (el.name && !el.value) el.disabled = true;
      }
    });
  }
});
