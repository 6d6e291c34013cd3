// Page behaviour bound from data- attributes, so the Content-Security-Policy needs no inline script or handler.
//   data-check-all="CSS selector"  a checkbox that ticks or clears every box the selector finds (全选)
//   data-submit-on-change          a control whose change submits its form (no button needed with script on)
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (el.matches("input[type=checkbox][data-check-all]")) {
      document.querySelectorAll(el.dataset.checkAll).forEach(function (box) { box.checked = el.checked; });
    } else if (el.matches("[data-submit-on-change]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });
})();
