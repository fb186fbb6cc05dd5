// cordon web app: small progressive enhancements; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Run the chosen scenario as soon as it is picked.
  const sel = document.getElementById("scenario-select");
  if (sel && sel.form) {
    sel.addEventListener("change", () => {
      // The picked scenario, not the typed steps (those run with "Run these steps").
      const typed = document.getElementById("steps");
      if (typed) typed.disabled = true;
      sel.form.submit();
    });
  }
  // Load a scenario file into the steps box (read in the browser, nothing uploaded).
  const file = document.getElementById("scenario-file");
  const steps = document.getElementById("steps");
  if (file && steps) {
    file.addEventListener("change", () => {
      const f = file.files && file.files[0];
      if (!f) return;
      if (f.size > 256 * 1024) { alert("scenario file larger than 256 KiB"); return; }
      f.text().then((t) => {
        steps.value = t;
        steps.closest("details").open = true;
        steps.dispatchEvent(new Event("input"));
      });
    });
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
