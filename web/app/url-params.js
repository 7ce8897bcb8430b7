// ?data=<url>&labels=<url>&format=<format>: files served beside the page, for
// dashboards and shared links. Only the page's own origin is fetched from:
// nothing the page holds may leave it, and a link must not make it reach out.
const FORMATS = ['auto', 'npy', 'csv', 'tsv', 'json', 'jsonl'];

/**
 * @param {string} href  the page's address
 * @returns {{data: URL, labels: URL|null, format: string} | null}  null without ?data
 */
export function readUrlParams(href) {
  const page = new URL(href);
  const params = page.searchParams;
  const data = params.get('data');
  const labels = params.get('labels');
  const format = params.get('format') ?? 'auto';
  if (data === null || data.trim() === '') {
    if (labels) throw new Error('?labels= needs ?data= too: the labels belong to an embeddings file');
    return null;
  }
  if (!FORMATS.includes(format)) {
    throw new Error(`?format=${format} is not a format this page reads; use one of ${FORMATS.join(', ')}`);
  }
  return { data: sameOrigin('data', data, page), labels: labels ? sameOrigin('labels', labels, page) : null, format };
}

/** Fetches a same-origin URL as a File named after its last path segment. */
export async function fetchFile(url, { signal } = {}) {
  // mode 'same-origin' also refuses a redirect to another origin.
  const response = await fetch(url, { mode: 'same-origin', credentials: 'same-origin', signal });
  const name = fileName(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status} ${response.statusText}`.trim());
  return new File([await response.blob()], name);
}

function sameOrigin(param, value, page) {
  let url;
  try {
    url = new URL(value, page);
  } catch {
    throw new Error(`?${param}=${value} is not a URL`);
  }
  if (url.origin !== page.origin) {
    throw new Error(`?${param}=${value} is on another origin (${url.origin === 'null' ? url.protocol : url.origin}); `
      + `this page only opens files served beside it (${page.origin}), so that nothing leaves it`);
  }
  return url;
}

function fileName(url) {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? 'download';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
