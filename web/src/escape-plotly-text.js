// Plotly renders titles, tick labels and hover text as its own pseudo-HTML
// (<b>, <br>, <a href>, entities). User text (item labels, titles typed into
// the page) must show as typed, so the three characters that start markup or
// an entity are turned into entities, which Plotly decodes back for display.
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapePlotlyText(value) {
  return String(value).replace(/[&<>]/g, (c) => ENTITIES[c]);
}

// Text spliced into a hovertemplate or texttemplate must also not start a
// %{…} placeholder of its own.
export function escapePlotlyTemplate(value) {
  return escapePlotlyText(value).replace(/%\{/g, '%&#123;');
}
