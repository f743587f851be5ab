// A search field above every long select marked with data-filter-label (the language
// pickers): typing hides the options that do not contain the text, umlauts and accents
// folded ("turk" finds "Türkisch"); Enter takes the first option still shown. Without
// script the select works as it is.
(() => {
  const fold = (text) =>
    text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");

  const filter = (select, term) => {
    for (const option of select.options) {
      const match = !term || option.value === "" || option.selected || fold(option.text).includes(term);
      option.hidden = !match;
    }
    for (const group of select.querySelectorAll("optgroup")) {
      group.hidden = ![...group.children].some((option) => !option.hidden);
    }
  };

  const enhance = (select) => {
    if (select.dataset.filterReady) {
      return;
    }
    select.dataset.filterReady = "1";
    const input = document.createElement("input");
    input.type = "search";
    input.className = "kern-form-input__input filter-select__input";
    input.id = `${select.id}_filter`;
    input.setAttribute("aria-label", select.dataset.filterLabel);
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("placeholder", select.dataset.filterLabel);
    input.autocomplete = "off";
    const anchor = select.closest(".kern-form-input__select-wrapper") || select;
    anchor.before(input);
    input.addEventListener("input", () => filter(select, fold(input.value.trim())));
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") {
        return;
      }
      event.preventDefault(); // Enter picks, it does not send the form
      const first = [...select.options].find((option) => !option.hidden && option.value && !option.selected);
      if (first) {
        first.selected = true;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      input.value = "";
      filter(select, "");
    });
  };

  const enhanceAll = (root) => {
    for (const select of root.querySelectorAll("select[data-filter-label]")) {
      enhance(select);
    }
  };
  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  document.addEventListener("htmx:afterSwap", (event) => enhanceAll(event.target));
})();
