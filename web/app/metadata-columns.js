// Which column labels the items and which one groups them. A choice is a
// string: "m:<i>" for metadata column i, "file" for the labels the embeddings
// file carried itself, "row" for row numbers, "" for no groups. Both are
// found for the user (a column named like a group, or with few distinct
// values, groups; a text-like column labels) and both can be changed.
const TEXT_NAMES = /^(texts?|names?|titles?|sentences?|words?|tokens?|captions?|documents?|queries|query|ids?|labels?)$/i;
const GROUP_NAMES = /^(groups?|labels?|class(es)?|categor(y|ies)|topics?|clusters?|digits?|species|genres?|kinds?|types?)$/i;
const TEXT_ORDER = ['text', 'sentence', 'title', 'name', 'word', 'token', 'caption', 'document', 'query', 'label', 'id'];

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
 * The column asked for by name if there is one, else a text-like column
 * (text, sentence, title, name, word, …, label, id: in that preference)
 * whose values are mostly different, else a column whose values are all
 * different, else a text-like column, else the first column; without
 * metadata the file's own labels, else row numbers.
 */
export function defaultLabelChoice({ embeddings, metadata }, preferred) {
  if (metadata) {
    const { columns } = metadata;
    const byName = columns.indexOf(preferred);
    if (byName >= 0) return `m:${byName}`;
    const n = metadata.rows.length;
    const rank = (c) => TEXT_ORDER.findIndex((word) => c.trim().toLowerCase().startsWith(word));
    const named = columns.map((c, i) => ({ i, rank: TEXT_NAMES.test(c.trim()) ? rank(c) : -1 }))
      .filter((c) => c.rank >= 0)
      .sort((a, b) => a.rank - b.rank || a.i - b.i);
    // Labels tell items apart: a text-like column of mostly repeated values
    // (a "label" that is a class) labels only when nothing else does.
    const telling = named.find((c) => distinctCount(metadata, c.i, Math.floor(n / 2) + 1) > n / 2);
    if (telling) return `m:${telling.i}`;
    const unique = columns.findIndex((_, i) => distinctCount(metadata, i, n) === n);
    if (unique >= 0) return `m:${unique}`;
    return `m:${named[0]?.i ?? 0}`;
  }
  return embeddings.labels ? 'file' : 'row';
}

/**
 * The column asked for by name if there is one, else the first column named
 * like a group (group, label, class, category, topic, cluster, digit…) whose
 * values repeat (at most n/2 distinct), else the first column that is not
 * text-like with between 2 and √n distinct values, else no groups. The
 * file's own labels group the items by the same √n rule.
 */
export function defaultGroupChoice({ embeddings, metadata }, preferred) {
  const index = metadata?.columns.indexOf(preferred) ?? -1;
  if (index >= 0) return `m:${index}`;
  const n = embeddings?.dims?.[0] ?? metadata?.rows.length ?? 0;
  const few = Math.floor(Math.sqrt(n));
  if (metadata) {
    const { columns } = metadata;
    const distinct = columns.map((_, i) => distinctCount(metadata, i, Math.floor(n / 2) + 1));
    const named = columns.findIndex((c, i) => GROUP_NAMES.test(c.trim()) && distinct[i] >= 2 && distinct[i] <= n / 2);
    if (named >= 0) return `m:${named}`;
    const repeating = columns.findIndex((c, i) => !TEXT_NAMES.test(c.trim()) && distinct[i] >= 2 && distinct[i] <= few);
    if (repeating >= 0) return `m:${repeating}`;
  }
  const labels = embeddings?.labels;
  if (labels && countDistinct(labels, few + 1) >= 2 && countDistinct(labels, few + 1) <= few) return 'file';
  return '';
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

// Distinct values of metadata column i, counted up to `cap` (then it stops).
function distinctCount(metadata, i, cap) {
  return countDistinct(metadata.rows.map((row) => row[i]), cap);
}

function countDistinct(values, cap) {
  const seen = new Set();
  for (const value of values) {
    seen.add(value);
    if (seen.size >= cap) break;
  }
  return seen.size;
}

function columnChoices(metadata) {
  return (metadata?.columns ?? []).map((column, i) => ({ value: `m:${i}`, text: column.trim() === '' ? `column ${i + 1}` : column }));
}
