// JSON.parse in Node 20 does not always say where it failed ("Unexpected
// token 'a', ... is not valid JSON"), so on failure we walk the text once
// more to find the first bad character. Only the error path pays for this.
// Containers are tracked on an explicit stack rather than by recursion, so
// any nesting depth is walked without exhausting the call stack.

/**
 * @param {string} text  text that JSON.parse rejected
 * @returns {{index: number, reason: string}} 0-based index of the first bad character
 */
export function locateJsonError(text) {
  const n = text.length;
  let i = 0;
  const open = []; // the closing bracket of each open container
  let deepest = 0;
  let deepestAt = 0;
  const fail = (reason) => { throw { index: i, reason }; }; // eslint-disable-line no-throw-literal
  const truncated = 'unexpected end of input (truncated JSON?)';
  const ws = () => { while (i < n && ' \t\n\r'.includes(text[i])) i++; };
  const literal = (word) => {
    if (text.startsWith(word, i)) { i += word.length; return; }
    fail(describe(text, i));
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= n) fail('unterminated string');
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
  const key = () => {
    ws();
    if (text[i] !== '"') fail(i >= n ? truncated : `expected a quoted key, found ${describe(text, i, true)}`);
    string();
    ws();
    if (text[i] !== ':') fail(`expected ':', found ${describe(text, i, true)}`);
    i++;
  };
  try {
    for (;;) {
      // A value is expected here.
      ws();
      if (i >= n) fail(truncated);
      const c = text[i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i++;
        ws();
        if (text[i] !== close) {
          open.push(close);
          if (open.length > deepest) { deepest = open.length; deepestAt = i - 1; }
          if (close === '}') key();
          continue;
        }
        i++;
      } else if (c === '"') string();
      else if (c === 't') literal('true');
      else if (c === 'f') literal('false');
      else if (c === 'n') literal('null');
      else if (c === '-' || (c >= '0' && c <= '9')) number();
      else fail(describe(text, i));
      // After a value: close what it ends, or go on after a comma.
      for (;;) {
        ws();
        if (open.length === 0) {
          if (i < n) fail(`unexpected ${describe(text, i, true)} after the JSON value`);
          // Nothing wrong with the syntax: only depth can have stopped JSON.parse.
          return deepest > 1000
            ? { index: deepestAt, reason: `nested ${deepest} levels deep, more than JSON.parse can read here` }
            : { index: 0, reason: 'invalid JSON' };
        }
        const close = open[open.length - 1];
        if (text[i] === ',') {
          i++;
          if (close === '}') key();
          break;
        }
        if (text[i] !== close) fail(i >= n ? truncated : `expected ',' or '${close}', found ${describe(text, i, true)}`);
        i++;
        open.pop();
      }
    }
  } catch (e) {
    if (e && typeof e.index === 'number') return e;
    throw e;
  }
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
