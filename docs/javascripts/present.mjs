// The presentation layer's one browser renderer: turns the engine's element tree
// (calculator/present.py, to_json) into DOM nodes.
//
// A node is a string (text) or {t: tag, a: [[name, value], ...], c: [children]}. Text only ever
// becomes a text node, and attribute values only go through setAttribute, so no string from
// the engine or the reader can become markup (there is no innerHTML here). A tag or attribute
// outside the two closed lists below (the same as present.py's TAGS and ATTRIBUTES; the tests
// check they match), or a link that is not a site path or an http(s) address, is refused with
// an Error instead of being mounted.

export const TAGS = new Set([
  "section", "div", "p", "span", "strong", "em", "small", "code", "a",
  "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
  "table", "caption", "thead", "tbody", "tr", "th", "td",
]);
export const ATTRIBUTES = new Set([
  "class", "id", "href", "scope", "colspan", "title", "role", "tabindex",
  "aria-label", "aria-labelledby", "aria-describedby",
  "data-section", "data-provider", "data-criterion", "data-status", "data-rank",
]);
const SAFE_HREF = /^(?:\/(?!\/)|#|\?|https?:\/\/)/i;

export class TreeError extends Error {}

// One node of the tree as a DOM node (an element with its descendants, or a text node).
export function mount(node, doc = document) {
  if (typeof node === "string") return doc.createTextNode(node);
  if (!node || typeof node !== "object" || !Array.isArray(node.a) || !Array.isArray(node.c)) {
    throw new TreeError("presentation tree: a node must be text or {t, a, c}");
  }
  if (!TAGS.has(node.t)) throw new TreeError(`presentation tree: tag ${JSON.stringify(node.t)} is not allowed`);
  const element = doc.createElement(node.t);
  for (const pair of node.a) {
    const [name, value] = Array.isArray(pair) ? pair : [];
    if (!ATTRIBUTES.has(name)) {
      throw new TreeError(`presentation tree: attribute ${JSON.stringify(name)} is not allowed (on <${node.t}>)`);
    }
    const text = String(value);
    if (name === "href" && !SAFE_HREF.test(text)) {
      throw new TreeError(`presentation tree: link ${JSON.stringify(text)} is not a site path or an http(s) address`);
    }
    element.setAttribute(name, text);
  }
  for (const child of node.c) element.append(mount(child, doc));
  return element;
}

// Replace what `target` holds with the mounted tree (a node, or a list of nodes). The tree is
// mounted first, so a refused tree leaves the target as it was.
export function mountInto(target, tree) {
  const nodes = (Array.isArray(tree) ? tree : [tree]).map((node) => mount(node, target.ownerDocument));
  target.replaceChildren(...nodes);
}
