"""What the page needs beyond the widgets' own markup, as script for the connection watch.

Voila's page has no landmarks: the rendered notebook becomes the ``main`` landmark and the
workshop's steps map (``.sp-steps``) a ``navigation`` landmark. A field with no visible
label (a grid cell, a date beside a caption) gets its ``tooltip`` as its accessible name,
since ipywidgets puts that on a hidden ``<label>``. ``watchPage(texts)`` applies this and
applies it again as the kernel redraws.
"""

PAGE_SEMANTICS_JS = r"""
/* What the page needs beyond the widgets' own markup, (re)applied as the kernel redraws:
   - landmarks: Voila's page has none. The rendered notebook is the page's main content
     and the workshop's steps map (.sp-steps) is its navigation;
   - names: a field with no visible label (a cell of a grid, a date beside its caption)
     gets its tooltip as its name; ipywidgets only puts that on a hidden <label>. */
let stepsLabel = "Workshop steps";

function applyPageSemantics() {
  const app = document.querySelector(".sp-app");
  if (app && !document.querySelector("main, [role=main]")) {
    const container = document.querySelector("#rendered_cells") || app;
    container.setAttribute("role", "main");
  }
  for (const list of document.querySelectorAll(".sp-steps")) {
    if (list.closest("nav, [role=navigation]")) continue;
    const holder = list.parentElement;
    if (!holder || holder === document.body) continue;
    holder.setAttribute("role", "navigation");
    holder.setAttribute("aria-label", list.dataset.label || stepsLabel);
  }
  for (const label of document.querySelectorAll(".sp-app label.widget-label[for]")) {
    const control = document.getElementById(label.htmlFor);
    if (!control || label.style.display !== "none") continue;
    const name = label.title || "";
    if (control.hasAttribute("aria-label") && !control.dataset.spNamed) continue;
    if (name) {
      control.setAttribute("aria-label", name);
      control.dataset.spNamed = "1";
    } else if (control.dataset.spNamed) {
      control.removeAttribute("aria-label");
      delete control.dataset.spNamed;
    }
  }
  // A slider's handle (role=slider) is what a screen reader reaches; ipywidgets names only
  // the box around it, through its description label.
  for (const slider of document.querySelectorAll(".sp-app .widget-slider")) {
    const label = slider.querySelector(":scope > label.widget-label");
    const name = label ? (label.textContent.trim() || label.title || "") : "";
    for (const handle of slider.querySelectorAll(".noUi-handle")) {
      if (name && handle.getAttribute("aria-label") !== name) {
        handle.setAttribute("aria-label", name);
      }
    }
  }
}

function watchPage(texts) {
  if (texts && texts.steps) stepsLabel = texts.steps;
  if (window.__spPageWatch) return;
  window.__spPageWatch = true;
  applyPageSemantics();
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; applyPageSemantics(); });
  }).observe(document.body, { childList: true, subtree: true, attributes: true,
                              attributeFilter: ["title", "style"] });
}
"""
