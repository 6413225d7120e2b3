// html-validate configuration for the built site (tests/test_html_valid.py runs it on every page).
//
// We start from the strict `recommended` preset. Every rule relaxed below says why. Most
// relaxations are for markup the mkdocs-material theme writes into every page. That markup is
// valid HTML that a style rule dislikes, or a known theme issue we cannot fix from Markdown.
// Python-Markdown's extensions add some of the same kind. Every other rule applies at full
// strength to our own markup (the calculator form, the guides). Keep relaxations narrow:
// tune a rule's options or one element's metadata rather than switching the rule off.
"use strict";

module.exports = {
  root: true,
  extends: ["html-validate:recommended"],

  elements: [
    "html5",
    {
      // Material's partials/nav-item.html writes `tabindex=""` on the <label> of every nav
      // section when `navigation.sections` is on (it sets tabindex only for non-sections).
      // Browsers treat an empty tabindex as absent. Only <label> may have the empty value,
      // and any other bad tabindex is still an error. Upstream template:
      // https://github.com/squidfunk/mkdocs-material/blob/master/src/templates/partials/nav-item.html
      label: { attributes: { tabindex: { enum: ["/^-?\\d+$/", "/^$/"] } } },
    },
  ],

  rules: {
    // Style only. Jinja leaves trailing spaces in the theme's output, and the HTML
    // is not minified. Whitespace has no meaning there.
    "no-trailing-whitespace": "off",

    // Style only. The theme writes `<!doctype html>`. The HTML standard accepts the
    // doctype in any case.
    "doctype-style": "off",

    // Material's ids begin with underscores (`__drawer`, `__search`, `__palette_0`,
    // `__nav_2`). HTML5 allows any id that is not empty and has no whitespace. `relaxed`
    // checks exactly that, so an empty or spaced id is still an error.
    "valid-id": ["error", { relaxed: true }],

    // The theme's two toggle checkboxes (`#__drawer`, `#__search`) carry
    // `autocomplete="off"` on purpose: it keeps Firefox from restoring a drawer or search
    // that was open before a reload. The spec does not list autocomplete for checkboxes.
    // Reported upstream as https://github.com/squidfunk/mkdocs-material/issues/1513
    // (kept by design); validator side: https://github.com/validator/validator/issues/1141.
    "input-attributes": "off",
    "valid-autocomplete": "off",

    // The theme's palette toggle (<form data-md-component="palette">) and search box
    // (<form name="search">) are forms driven by script. They never submit to a server.
    // WCAG technique H32 (a submit button) does not apply to them: they change the page in
    // place and never take the reader elsewhere (which is what WCAG 3.2.2 guards against).
    "wcag/h32": "off",

    // Material puts the page's table of contents into the primary sidebar (for the
    // mobile drawer) as well as the secondary one. So two <nav aria-label="Table of
    // contents"> landmarks share a name. Only one is visible at a time on any screen size.
    // Known theme structure: https://github.com/squidfunk/mkdocs-material/issues/4101
    "unique-landmark": "off",

    // Style only. Python-Markdown and pymdownx (e.g. the content tabs on the comparison
    // pages) write void elements XHTML-style (`<input ... />`) and boolean attributes with a
    // value (`checked="checked"`). The theme writes neither. HTML5 accepts both forms, and
    // mixing them does no harm.
    "void-style": "off",
    "attribute-boolean-style": "off",

    // The calculator's options are <label for="id"><input id="id" ...> text</label>. The
    // input is both wrapped and referenced by `for`. That is on purpose: some speech-input
    // and older assistive software only follow the explicit `for` association. The rule
    // calls it redundant, but it is not an error.
    "no-redundant-for": "off",

    // Style only. The theme's empty search-result list uses role="presentation". ARIA 1.2
    // treats `presentation` and `none` as synonyms.
    "presentation-role-style": "off",
  },
};
