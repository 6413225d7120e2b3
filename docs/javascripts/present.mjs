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
  "section", "div", "p", "span", "strong", "em", "small", "code", "a", "br",
  "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
  "table", "caption", "thead", "tbody", "tr", "th", "td",
  "label", "meter", "figure", "figcaption",
  "svg", "rect", "title",
]);
export const ATTRIBUTES = new Set([
  "class", "id", "href", "scope", "colspan", "title", "role", "tabindex", "for",
  "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
  "data-section", "data-provider", "data-criterion", "data-status", "data-rank",
  "data-model", "data-label", "min", "max", "value",
  "viewBox", "preserveAspectRatio", "x", "y", "width", "height",
]);
// A chart's drawing: mounted in the SVG namespace; <rect> and <title> only inside an <svg>.
export const SVG_TAGS = new Set(["svg", "rect", "title"]);
const SVG = "http://www.w3.org/2000/svg";
const SAFE_HREF = /^(?:\/(?!\/)|#|\?|https?:\/\/)/i;

export class TreeError extends Error {}

// One node of the tree as a DOM node (an element with its descendants, or a text node).
export function mount(node, doc = document, inSvg = false) {
  if (typeof node === "string") return doc.createTextNode(node);
  if (!node || typeof node !== "object" || !Array.isArray(node.a) || !Array.isArray(node.c)) {
    throw new TreeError("presentation tree: a node must be text or {t, a, c}");
  }
  if (!TAGS.has(node.t)) throw new TreeError(`presentation tree: tag ${JSON.stringify(node.t)} is not allowed`);
  const svg = SVG_TAGS.has(node.t);
  if (svg !== inSvg && node.t !== "svg") {
    throw new TreeError(`presentation tree: <${node.t}> ${svg ? "belongs inside an <svg>" : "cannot sit inside an <svg>"}`);
  }
  const element = svg ? doc.createElementNS(SVG, node.t) : doc.createElement(node.t);
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
  if (node.t === "br" && node.c.length) throw new TreeError("presentation tree: <br> has no children");
  for (const child of node.c) element.append(mount(child, doc, svg && node.t !== "title"));
  return element;
}

// Replace what `target` holds with the mounted tree (a node, or a list of nodes). The tree is
// mounted first, so a refused tree leaves the target as it was. `prepare(node)` may adjust each
// mounted top-level node first. Then the target is brought to what was mounted by changing only
// what differs (patch): a text that changed is changed in place, and an element whose tag or
// attribute names differ (the page's own, such as the theme's focus marks, included) is replaced,
// so a new result restyles and lays out only the parts that changed (issue 23: a change painted
// within a frame). The target ends equal, node for node and attribute for attribute, to the
// mounted tree.
export function mountInto(target, tree, prepare = () => {}) {
  const nodes = (Array.isArray(tree) ? tree : [tree]).map((node) => mount(node, target.ownerDocument));
  nodes.forEach(prepare);
  patchChildren(target, nodes);
}

// `parent`'s children made equal to `fresh` (nodes not in a document), reusing the ones in place.
function patchChildren(parent, fresh) {
  const old = [...parent.childNodes];
  if (old.length !== fresh.length) {
    parent.replaceChildren(...fresh);
    return;
  }
  fresh.forEach((node, i) => patch(parent, old[i], node));
}

function patch(parent, old, fresh) {
  if (old.nodeType === Node.TEXT_NODE && fresh.nodeType === Node.TEXT_NODE) {
    if (old.data !== fresh.data) old.data = fresh.data;
    return;
  }
  if (old.nodeType !== Node.ELEMENT_NODE || fresh.nodeType !== Node.ELEMENT_NODE || !sameShape(old, fresh)) {
    parent.replaceChild(fresh, old);
    return;
  }
  for (const { name, value } of fresh.attributes) {
    if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  }
  patchChildren(old, [...fresh.childNodes]);
}

// The same element with the same attribute names in the same order (so its markup, once its
// values are set, reads as the fresh one's).
function sameShape(a, b) {
  if (a.namespaceURI !== b.namespaceURI || a.localName !== b.localName) return false;
  const names = a.attributes, others = b.attributes;
  if (names.length !== others.length) return false;
  for (let i = 0; i < names.length; i++) if (names[i].name !== others[i].name) return false;
  return true;
}
