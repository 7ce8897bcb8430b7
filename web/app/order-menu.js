// The Order menu says what is drawn, or what is being computed: while an
// order is pending its option reads "spectral (ordering…)" (the activity
// box above the plot names the method and has the Cancel); when it is
// drawn, refused or cancelled the menu shows the order on screen. Options
// that cannot apply to the data shown are disabled, the reason in their
// tooltip (and in the hint below the menu, for keyboard and screen readers).
const count = new Intl.NumberFormat('en-US');
const SHORT = { auto: 'auto', original: 'original', average: 'clustered', spectral: 'spectral', groups: 'by group' };

export class OrderMenu {
  #select;
  #reason;
  #texts = new Map(); // option value -> its text as written in the page

  /**
   * @param {HTMLSelectElement} select  #order
   * @param {HTMLElement} reason  where the reasons for disabled options are written
   */
  constructor(select, reason) {
    this.#select = select;
    this.#reason = reason;
    for (const option of select.options) this.#texts.set(option.value, option.text);
  }

  /**
   * Follows the view's order status (its 'order' events).
   * @param {{requested: string, method: string, shown: string, pending: boolean, error: string|null} | null} status
   * @param {string} drawn  the option whose picture is on screen
   */
  show(status, drawn) {
    for (const option of this.#select.options) option.text = this.#texts.get(option.value) ?? option.text;
    if (status?.pending) {
      this.#select.value = status.requested;
      const option = this.#select.selectedOptions[0];
      if (option) option.text = `${SHORT[status.requested] ?? status.requested} (ordering…)`;
      this.#select.setAttribute('aria-busy', 'true');
    } else {
      this.#select.value = drawn;
      this.#select.removeAttribute('aria-busy');
    }
  }

  /**
   * Disables the orders that cannot apply: clustering above the engine's
   * limit, by group without groups.
   * @param {{size: number, hasGroups: boolean, maxHierarchicalItems: number}} data
   */
  limit({ size, hasGroups, maxHierarchicalItems }) {
    const reasons = [];
    const explain = (value, why) => {
      const option = this.#select.querySelector(`option[value="${value}"]`);
      if (!option) return;
      option.disabled = why !== null;
      if (why === null) option.removeAttribute('title');
      else {
        option.title = why;
        reasons.push(why);
      }
    };
    explain('average', size > maxHierarchicalItems
      ? `Clustered: ${count.format(size)} items, over the ${count.format(maxHierarchicalItems)}-item limit of clustering ` +
        `(it keeps every pair's distance, ${megabytes(size)} MB); choose spectral.`
      : null);
    explain('groups', hasGroups ? null : 'By group: no groups yet; choose a column under “Group items by”.');
    this.#reason.textContent = reasons.join(' ');
    this.#reason.hidden = reasons.length === 0;
  }
}

/** The option whose picture is on screen once an order has settled. */
export function settledOption(status) {
  if (status.error && status.shown === 'original') return 'original';
  return status.requested;
}

// n(n − 1)/2 float32 distances, as the engine counts them (operations/order.js).
function megabytes(size) {
  return count.format(Math.round((size * (size - 1) * 2) / 1e6));
}
