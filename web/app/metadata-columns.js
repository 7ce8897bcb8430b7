// Which column labels the items and which one groups them. A choice is a
// string: "m:<i>" for metadata column i, "file" for the labels the embeddings
// file carried itself, "row" for row numbers, "" for no groups.
const LABEL_NAMES = /^(label|labels|text|name|title|word|token|sentence|digit|class|category|id)$/i;

/** @returns {{value: string, text: string}[]} */
export function labelChoices({ name, embeddings, metadata }) {
  const choices = columnChoices(metadata);
  if (embeddings.labels) choices.push({ value: 'file', text: `labels in ${name}` });
  choices.push({ value: 'row', text: 'row number' });
  return choices;
}

export function groupChoices(dataSet) {
  return [{ value: '', text: 'none' }, ...labelChoices(dataSet).filter((c) => c.value !== 'row')];
}

/**
 * The column asked for by name if there is one, else a column named like a
 * label (label, text, name, title, word, digit…), else the first column,
 * else the file's own labels, else row numbers.
 */
export function defaultLabelChoice({ embeddings, metadata }, preferred) {
  if (metadata) {
    const { columns } = metadata;
    const byName = columns.indexOf(preferred);
    if (byName >= 0) return `m:${byName}`;
    const named = columns.findIndex((c) => LABEL_NAMES.test(c.trim()));
    return `m:${Math.max(named, 0)}`;
  }
  return embeddings.labels ? 'file' : 'row';
}

/** No groups unless a column is asked for by name. */
export function defaultGroupChoice({ metadata }, preferred) {
  const index = metadata?.columns.indexOf(preferred) ?? -1;
  return index >= 0 ? `m:${index}` : '';
}

/** The values of a choice, one per item, or undefined for "row"/"". */
export function choiceValues({ embeddings, metadata }, choice) {
  if (choice === 'file') return embeddings.labels;
  const match = /^m:(\d+)$/.exec(choice);
  if (!match || !metadata) return undefined;
  const index = Number(match[1]);
  return metadata.rows.map((row) => row[index]);
}

/**
 * Labels to show: repeated labels ("3", "3", …) get their 0-based row number,
 * "3 (#17)", so the hover still says which item it is.
 */
export function distinctLabels(values) {
  if (!values) return undefined;
  const seen = new Set();
  let repeated = false;
  for (const value of values) {
    if (seen.has(value)) {
      repeated = true;
      break;
    }
    seen.add(value);
  }
  return repeated ? values.map((value, i) => `${value} (#${i})`) : values;
}

/** Replaces a select's options, keeping keyboard focus where it was. */
export function fillSelect(select, choices, value) {
  select.replaceChildren(...choices.map((choice) => new Option(choice.text, choice.value)));
  select.value = value;
}

function columnChoices(metadata) {
  return (metadata?.columns ?? []).map((column, i) => ({ value: `m:${i}`, text: column.trim() === '' ? `column ${i + 1}` : column }));
}
