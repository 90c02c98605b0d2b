// Progressive enhancement only: the support directory's filters are folded away so that a
// phone shows the results on its first screen; on a wide screen, where they sit beside the
// results, they start open. Without JavaScript they open with one tap on "Search and filter".
const filters = document.querySelector("[data-vv-filters]");
if (filters && window.matchMedia("(min-width: 40.0625em)").matches) {
  filters.open = true;
}
