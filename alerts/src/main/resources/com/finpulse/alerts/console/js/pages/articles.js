// Articles: the scored stream, filtered by topic, ticker, sentiment, source and title text.
import * as api from '../api.js';
import { el, replace } from '../dom.js';
import { articleTable } from './overview.js';

export default async function articles(root) {
  const out = el('div', { id: 'article-list' });
  const topics = el('select', { name: 'topic' }, el('option', { value: '', text: 'any topic' }));
  const form = el('form', { class: 'controls', id: 'article-filters' },
    topics,
    el('input', { name: 'ticker', placeholder: 'ticker', size: 8 }),
    el('select', { name: 'sentiment' },
      ['', 'negative', 'neutral', 'positive'].map((s) => el('option', { value: s, text: s || 'any sentiment' }))),
    el('input', { name: 'source', placeholder: 'source', size: 10 }),
    el('input', { name: 'q', placeholder: 'words in the headline', size: 24 }),
    el('select', { name: 'range' },
      [['1h', 'last hour'], ['6h', 'last 6 hours'], ['24h', 'last 24 hours'], ['7d', 'last 7 days']]
        .map(([v, t]) => el('option', { value: v, text: t }))),
    el('select', { name: 'order' },
      el('option', { value: 'latest', text: 'newest first' }),
      el('option', { value: 'most_negative', text: 'most negative first' })),
    el('button', { type: 'submit', text: 'Filter' }));
  root.append(el('h1', { text: 'Articles' }), form, out);

  const keys = await api.get('/trends', { key_kind: 'topic', window: '1h', range: '7d' });
  for (const s of keys.series) topics.append(el('option', { value: s.key, text: s.key }));

  async function refresh() {
    const params = Object.fromEntries(new FormData(form).entries());
    const { articles } = await api.get('/articles', { ...params, limit: 200 });
    out.dataset.count = String(articles.length);
    replace(out, articleTable(articles));
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  await refresh();
  return {};
}
