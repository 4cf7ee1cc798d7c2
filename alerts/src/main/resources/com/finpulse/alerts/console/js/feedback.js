// Analysts correct the model: one click on an article's sentiment (or its topic, or its sentiment
// toward one of its tickers) records a correction through POST /feedback.
import * as api from './api.js';
import { el } from './dom.js';

export const SENTIMENTS = ['negative', 'neutral', 'positive'];
const SHORT = { negative: '−', neutral: '0', positive: '+' };

/**
 * The SHA-256 (hex) of the title's UTF-8 bytes, as the server computes it: for articles shown
 * without one (alert evidence). Web Crypto needs a secure context (loopback counts as one).
 */
export async function textHash(text) {
  if (!globalThis.crypto || !crypto.subtle) {
    throw new Error('this page is not in a secure context (HTTPS or loopback): cannot correct evidence here');
  }
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Records a correction (with an optional note); resolves to the stored one. */
export async function correct(article, task, label, target, note) {
  return api.post('/feedback', {
    article_id: article.article_id,
    task,
    label,
    target: target || undefined,
    text_hash: article.text_hash || (await textHash(article.title)),
    note: note || undefined,
  });
}

/**
 * Three buttons, the model's label marked; a click records the correction and marks the chosen one.
 * @param note returns the note to record with the correction, if any
 * @param onDone called with the stored correction
 */
export function sentimentButtons(article, { task = 'sentiment', target, modelLabel, note, onDone } = {}) {
  const current = modelLabel || article.sentiment;
  const box = el('span', { class: 'correct', 'data-task': task, 'data-target': target || '' });
  for (const s of SENTIMENTS) {
    const b = el('button', {
      type: 'button',
      class: 'fix ' + s + (s === current ? ' model' : ''),
      title: (s === current ? 'the model says ' : 'correct to ') + s,
      'data-label': s,
      text: SHORT[s],
      onclick: async () => {
        for (const o of box.querySelectorAll('button')) o.disabled = true;
        try {
          const f = await correct(article, task, s, target, note ? note() : undefined);
          for (const o of box.querySelectorAll('button')) o.classList.toggle('chosen', o === b);
          box.classList.add('done');
          if (onDone) onDone(f);
        } finally {
          for (const o of box.querySelectorAll('button')) o.disabled = false;
        }
      },
    });
    box.append(b);
  }
  return box;
}
