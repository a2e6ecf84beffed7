// The editor: each slider shows its value next to its label.
(() => {
  "use strict";
  document.querySelectorAll("output[data-shows]").forEach((output) => {
    const input = document.getElementById(output.dataset.shows);
    const show = () => { output.textContent = input.value; };
    input.addEventListener("input", show);
    show();
  });
})();
