/* The pages' few behaviours, from this file (the Content-Security-Policy allows no inline script):
   a select with data-autosubmit sends its form when changed; a checkbox with data-check-all ticks the
   checkboxes named by its value. Everything works without it (a button is there for those). */
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("select[data-autosubmit]") && el.form) { el.form.submit(); }
  if (el.matches && el.matches("input[data-check-all]")) {
    document.querySelectorAll("input[name='" + el.getAttribute("data-check-all") + "']").forEach(function (c) {
      c.checked = el.checked;
    });
  }
});
