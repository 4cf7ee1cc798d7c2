// Review: the articles most worth an analyst's look (the model's least sure first, those on open
// alerts ahead), corrected with the keyboard: j/k or the arrows move, 1/2/3 give negative / neutral /
// positive, t picks the topic. The reviewed count and the model's agreement with analysts per day.
import * as api from '../api.js';
import { chart } from '../charts.js';
import { el, replace, num, pct, time, hash, headlineLink } from '../dom.js';
import { SENTIMENTS, correct, sentimentButtons } from '../feedback.js';

export default async function review(root, args, { report }) {
  const summary = el('div', { class: 'tiles', id: 'review-summary' });
  const agreement = el('div', { id: 'agreement' });
  const list = el('div', { id: 'review-queue' });
  const topicNames = (await api.get('/trends', { key_kind: 'topic', window: '1h', range: '7d' }))
    .series.map((s) => s.key);
  root.append(
    el('h1', { text: 'Review' }),
    el('p', { class: 'dim' },
      'The model\u2019s least sure calls first; articles on open alerts ahead. ',
      el('kbd', { text: 'j' }), '/', el('kbd', { text: 'k' }), ' move, ',
      el('kbd', { text: '1' }), ' ', el('kbd', { text: '2' }), ' ', el('kbd', { text: '3' }),
      ' negative / neutral / positive, ', el('kbd', { text: 't' }), ' topic.'),
    summary,
    el('div', { class: 'panel' }, el('h2', { text: 'Agreement of the model with analysts, per day' }), agreement),
    el('div', { class: 'panel' }, el('h2', { text: 'Queue' }), list));

  let items = [];
  let selected = 0;

  function select(i) {
    if (items.length === 0) return;
    selected = Math.max(0, Math.min(items.length - 1, i));
    list.querySelectorAll('.review-item').forEach((e, j) => e.classList.toggle('selected', j === selected));
    const row = list.querySelectorAll('.review-item')[selected];
    if (row && row.scrollIntoView) row.scrollIntoView({ block: 'nearest' });
  }

  function itemView(it, i) {
    const a = it.article;
    const noteInput = el('input', { class: 'note', maxlength: 1000, size: 30, placeholder: 'note (optional, kept with the correction)' });
    const note = () => noteInput.value.trim();
    const topicSelect = el('select', { class: 'topic-fix', title: 'correct the topic' },
      [...new Set([a.topic, ...topicNames])].map((t) => el('option', { value: t, text: t, selected: t === a.topic })));
    topicSelect.addEventListener('change', () =>
      correct(a, 'topic', topicSelect.value, undefined, note()).then(() => topicSelect.classList.add('done')).catch(report));
    return el('div', { class: 'card review-item', 'data-article': a.article_id, onclick: () => select(i) },
      el('div', {}, headlineLink(a.title, a.url)),
      el('div', { class: 'dim why' },
        time(a.time), ' · ', a.source, ' · margin ', num(it.margin),
        it.on_open_alert ? ' · on an open alert' : '',
        ' · P(neg/neu/pos) ', num(a.p_negative), ' / ', num(a.p_neutral), ' / ', num(a.p_positive)),
      el('div', { class: 'controls' },
        'Sentiment ', sentimentButtons(a, { note, onDone: () => reviewed(i) }),
        ' Topic ', topicSelect,
        a.tickers.map((t) => el('span', {}, ' ', el('a', { href: hash('topic', 'ticker', t), text: t }), ' ',
          sentimentButtons(a, { task: 'entity', target: t, note, modelLabel: (a.ticker_sentiment || {})[t] || a.sentiment }))),
        ' ', noteInput));
  }

  function reviewed(i) {
    const row = list.querySelectorAll('.review-item')[i];
    if (row) row.classList.add('reviewed');
    if (i === selected) select(i + 1);
  }

  function onKey(e) {
    if (e.target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.target.tagName)) return;
    const row = list.querySelectorAll('.review-item')[selected];
    if (!row) return;
    if (e.key === 'j' || e.key === 'ArrowDown') { select(selected + 1); e.preventDefault(); }
    else if (e.key === 'k' || e.key === 'ArrowUp') { select(selected - 1); e.preventDefault(); }
    else if (['1', '2', '3'].includes(e.key)) {
      const b = row.querySelector('.correct[data-task="sentiment"] button[data-label="' + SENTIMENTS[Number(e.key) - 1] + '"]');
      if (b) b.click();
      e.preventDefault();
    } else if (e.key === 't') {
      const s = row.querySelector('select.topic-fix');
      if (s) s.focus();
      e.preventDefault();
    }
  }
  document.addEventListener('keydown', onKey);

  async function refresh() {
    const r = await api.get('/review', { range: '24h', limit: 50 });
    items = r.articles;
    const s = r.stats;
    replace(summary,
      tile('Reviewed', String(s.corrections), 'reviewed-count'),
      tile('Waiting (24 h)', String(r.waiting), 'waiting-count'),
      tile('Model agrees', s.corrections ? pct(s.agreeing / s.corrections) : '–', 'agreement-now'));
    // A line needs two days; until then (and below it) the days as a table.
    const days = s.by_day.map((d) => ({ time: d.day + 'T00:00:00Z', day: d.day, n: d.corrections, v: d.agreeing / d.corrections }));
    replace(agreement,
      days.length >= 2 ? el('div', { class: 'chart', id: 'chart-agreement-line' }) : null,
      days.length === 0 ? el('p', { class: 'dim', text: 'No corrections yet.' }) :
        el('table', { id: 'agreement-days' }, el('tr', {}, ['Day', 'Corrections', 'Kept the model\u2019s label'].map((h) => el('th', { text: h }))),
          days.slice(-7).reverse().map((d) => el('tr', {}, el('td', { text: d.day }), el('td', { text: String(d.n) }), el('td', { text: pct(d.v) })))));
    if (days.length >= 2) {
      chart(agreement.querySelector('#chart-agreement-line'), {
        yLabel: 'agreement', yRange: [0, 1], height: 180,
        series: [{ label: 'share of corrections that kept the model\u2019s label', points: days, value: (p) => p.v }],
      });
    }
    replace(list, items.length === 0 ? el('p', { class: 'dim', text: 'Nothing waiting for review.' })
      : items.map(itemView));
    select(0);
  }

  function tile(label, value, id) {
    return el('div', { class: 'tile' }, el('div', { class: 'value', id, text: value }), el('div', { class: 'label', text: label }));
  }

  await refresh();
  return { leave: () => document.removeEventListener('keydown', onKey) };
}
