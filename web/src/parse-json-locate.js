// JSON.parse in Node 20 does not always say where it failed ("Unexpected
// token 'a', ... is not valid JSON"), so on failure we walk the text once
// more to find the first bad character. Only the error path pays for this.

/**
 * @param {string} text  text that JSON.parse rejected
 * @returns {{index: number, reason: string}} 0-based index of the first bad character
 */
export function locateJsonError(text) {
  let i = 0;
  const fail = (reason) => { throw { index: i, reason }; }; // eslint-disable-line no-throw-literal
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const literal = (word) => {
    if (text.startsWith(word, i)) { i += word.length; return; }
    fail(describe(text, i));
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      if (c === '"') { i++; return; }
      if (c === '\\') { i += 2; continue; }
      if (c < ' ') fail('control character inside a string');
      i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(describe(text, i));
    i += m[0].length;
  };
  const value = () => {
    ws();
    if (i >= text.length) fail('unexpected end of input (truncated JSON?)');
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    return fail(describe(text, i));
  };
  const container = (close, isObject) => {
    i++;
    ws();
    if (text[i] === close) { i++; return; }
    for (;;) {
      if (isObject) {
        ws();
        if (text[i] !== '"') fail(i >= text.length ? 'unexpected end of input (truncated JSON?)' : `expected a quoted key, found ${describe(text, i, true)}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':', found ${describe(text, i, true)}`);
        i++;
      }
      value();
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === close) { i++; return; }
      fail(i >= text.length ? 'unexpected end of input (truncated JSON?)' : `expected ',' or '${close}', found ${describe(text, i, true)}`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe(text, i, true)} after the JSON value`);
  } catch (e) {
    if (e && typeof e.index === 'number') return e;
    throw e;
  }
  return { index: 0, reason: 'invalid JSON' };
}

function describe(text, i, bare = false) {
  if (i >= text.length) return 'unexpected end of input (truncated JSON?)';
  const word = /^[A-Za-z_+-]\w*/.exec(text.slice(i, i + 20))?.[0];
  if (word === 'NaN' || word === 'Infinity' || word === '-Infinity') {
    return bare ? `${word} (NaN and Infinity are not JSON)` : `${word} is not allowed (NaN and Infinity are not JSON)`;
  }
  const shown = JSON.stringify(word ?? text[i]);
  return bare ? shown : `unexpected ${shown}`;
}
