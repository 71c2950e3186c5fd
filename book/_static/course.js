// Accessibility fixes to the theme's markup (axe-core checks the built book in tests/test_book.py).
document.addEventListener("DOMContentLoaded", function () {
  // The search buttons carry aria-label="Search" while they show "Search this book... Ctrl + K":
  // a name that differs from the visible text trips speech-input users (WCAG 2.5.3).
  document.querySelectorAll(".search-button__button[aria-label]").forEach(function (button) {
    button.removeAttribute("aria-label");
  });
  // The colour-mode button holds its three mode names (one shown at a time): its name must contain them.
  document.querySelectorAll(".theme-switch-button").forEach(function (button) {
    button.setAttribute("aria-label", "Color mode: Light Dark System Settings");
  });
  // The bibliography's list holds bibliography entries, not list items (ARIA 1.2).
  document.querySelectorAll(".citation-list[role='list']").forEach(function (list) {
    list.removeAttribute("role");
  });
});

// Kernel-free sliders (sciml_course.widgets.frame_slider) render after the page has loaded:
// name each slider handle by its label, and give each precomputed frame an alt text.
function courseLabelWidgets() {
  document.querySelectorAll(".widget-vbox").forEach(function (box) {
    var label = box.querySelector(".widget-slider .widget-label");
    if (!label) return;
    var name = label.textContent.trim() || "slider";
    box.querySelectorAll(".noUi-handle[role='slider']:not([aria-label])").forEach(function (handle) {
      handle.setAttribute("aria-label", name);
    });
    box.querySelectorAll("img.widget-image:not([alt])").forEach(function (image) {
      image.setAttribute("alt", "Precomputed figure shown for the current value of the slider: " + name);
    });
  });
}
new MutationObserver(courseLabelWidgets).observe(document.documentElement, { childList: true, subtree: true });

// A table too wide for the page scrolls in its own box (course.css): make that box reachable
// by keyboard, as WCAG asks of every scrollable region.
function courseFocusableScrollers() {
  document.querySelectorAll("main table").forEach(function (table) {
    if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
    else table.removeAttribute("tabindex");
  });
}
window.addEventListener("load", courseFocusableScrollers);
window.addEventListener("resize", courseFocusableScrollers);
