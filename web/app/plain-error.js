// The library's errors speak to programmers ("heatmap option zmin: must be
// less than zmax", "order: … use 'spectral'"). The page's banner speaks to
// the person at the controls: the few errors a control can still raise
// (forced past a disabled option, typed into a number box) are said again in
// the controls' own words. Anything not recognized here (parse errors name
// the file, line and column already) is shown as it is.
const count = new Intl.NumberFormat('en-US');

// The page's words for the view's options (the controls' labels).
const CONTROL_WORDS = {
  zmin: 'the colour range\'s minimum',
  zmax: 'the colour range\'s maximum',
  range: 'the colour range',
  colorScale: 'the colour scale',
  order: 'the order',
  title: 'the title',
  colorLabel: 'the colour bar title',
  xaxisTitle: 'the x axis title',
  yaxisTitle: 'the y axis title',
};

// What the order menu calls each method.
const ORDER_WORDS = {
  average: 'Clustering (average linkage)',
  complete: 'Clustering (complete linkage)',
  single: 'Clustering (single linkage)',
  ward: 'Clustering (Ward linkage)',
};

const RULES = [
  {
    // TOO_LARGE from the order operation: a hierarchical order over the engine's limit.
    test: (e) => e.code === 'TOO_LARGE' && /^order: \w+ linkage of/.test(e.message),
    say: (e) => {
      const [, method, items, megabytes, limit] =
        /order: (\w+) linkage of (\d+) items.*\((\d+) MB.*limited to (\d+) items/.exec(e.message) ?? [];
      if (!items) return 'This order is too large for this page: choose spectral.';
      return `${ORDER_WORDS[method] ?? 'Clustering'} of ${count.format(items)} items would need ${count.format(megabytes)} MB `
        + `of pairwise distances; this page clusters up to ${count.format(limit)} items. Choose spectral for larger sets.`;
    },
  },
  {
    test: (e) => e.code === 'TOO_LARGE' && /^order: optimal leaf ordering of/.test(e.message),
    say: (e) => {
      const [, items, limit] = /ordering of (\d+) items.*limited to (\d+) items/.exec(e.message) ?? [];
      return `Arranging the tree's leaves of ${items ? count.format(items) : 'so many'} items takes too long `
        + `(this page does it up to ${limit ? count.format(limit) : 'a few thousand'} items): choose another order.`;
    },
  },
  {
    test: (e) => /^heatmap option zmin: must be less than zmax/.test(e.message),
    say: (e) => {
      const [, low, high] = /zmin = (\S+), zmax = ([^)\s]+)/.exec(e.message) ?? [];
      return low === undefined
        ? 'The colour range\'s minimum must be less than its maximum.'
        : `The colour range's minimum (${low}) must be less than its maximum (${high}).`;
    },
  },
  {
    test: (e) => /^heatmap option order: 'groups' needs a group per item/.test(e.message),
    say: () => 'Ordering by group needs groups: choose a column under "Group items by" first.',
  },
  {
    test: (e) => /^heatmap option (zmin|zmax): expected a finite number/.test(e.message),
    say: (e) => `Type a number from −1 to 1 for ${CONTROL_WORDS[/option (\w+)/.exec(e.message)[1]]}.`,
  },
  {
    test: (e) => /^colorScale: unknown scale/.test(e.message),
    say: (e) => `${/unknown scale ("[^"]*")/.exec(e.message)?.[1] ?? 'That'} is not a colour scale this page knows: choose one in the Colour scale menu.`,
  },
  {
    // Any other option the view refused: name the control, not the option.
    test: (e) => /^heatmap option (\w+): /.test(e.message) && /option (\w+)/.exec(e.message)[1] in CONTROL_WORDS,
    say: (e) => `This value cannot be used for ${CONTROL_WORDS[/option (\w+)/.exec(e.message)[1]]}.`,
  },
];

/**
 * The banner's words for `error`: a plain sentence for errors a control can
 * raise, else the error's own message.
 * @param {unknown} error
 * @returns {string}
 */
export function plainError(error) {
  const described = { code: error?.code, message: error?.message ?? String(error) };
  const rule = RULES.find((r) => r.test(described));
  return rule ? rule.say(described) : described.message;
}
