// A small element builder for the page's panels: properties set as given,
// children appended (strings become text nodes, never HTML).
export function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}
