// Building the page from data: every piece of text goes in through textContent, never as markup.
// Headlines, names and notes are attacker-controlled text.

/** An element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = String(v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A link to an article: only http(s) targets become links, the title is text. */
export function headlineLink(title, url) {
  if (url && /^https?:\/\//i.test(url)) {
    return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: title });
  }
  return el('span', { text: title });
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat(Infinity).filter((c) => c));
}

export const pct = (x) => (x === null || x === undefined ? '–' : (100 * x).toFixed(1) + '%');
export const num = (x, d = 2) => (x === null || x === undefined ? '–' : Number(x).toFixed(d));
export const time = (t) => (t ? new Date(t).toLocaleString() : '–');
export const hash = (...parts) => '#/' + parts.map(encodeURIComponent).join('/');

export function severity(s) {
  return el('span', { class: 'sev-' + s, text: s });
}

export function sentimentClass(s) {
  return s === 'negative' ? 'neg' : s === 'positive' ? 'pos' : 'dim';
}
