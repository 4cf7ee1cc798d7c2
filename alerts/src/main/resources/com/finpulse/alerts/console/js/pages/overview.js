// Overview: the market now, every topic over time, open alerts, the most negative headlines.
import * as api from '../api.js';
import { chart } from '../charts.js';
import { el, replace, pct, num, time, hash, severity, headlineLink } from '../dom.js';
import { sentimentButtons } from '../feedback.js';
import { windowRangeControls } from './controls.js';

export default async function overview(root) {
  const state = { window: '5m', range: '1h' };
  const tiles = el('div', { class: 'tiles' });
  const share = el('div', { class: 'chart', id: 'chart-negative-share' });
  const score = el('div', { class: 'chart', id: 'chart-score' });
  const volume = el('div', { class: 'chart', id: 'chart-volume' });
  const open = el('div', { id: 'open-alerts' });
  const worst = el('div', { id: 'negative-headlines' });
  root.append(
    el('h1', { text: 'Overview' }),
    tiles,
    windowRangeControls(state, () => trends()),
    el('div', { class: 'grid' },
      el('div', { class: 'panel' }, el('h2', { text: 'Negative share per topic' }), share),
      el('div', { class: 'panel' }, el('h2', { text: 'Articles per topic' }), volume),
      el('div', { class: 'panel' }, el('h2', { text: 'Open alerts' }), open),
      el('div', { class: 'panel' }, el('h2', { text: 'Mean sentiment score per topic' }), score)),
    el('div', { class: 'panel' }, el('h2', { text: 'Most negative headlines, last hour' }), worst));

  async function trends() {
    const [topics, market] = await Promise.all([
      api.get('/trends', { key_kind: 'topic', window: state.window, range: state.range }),
      api.get('/trends', { key_kind: 'market', window: state.window, range: state.range }),
    ]);
    const series = (value) => topics.series.map((s) => ({ label: s.key, points: s.points, value }));
    chart(share, { series: series((p) => p.negative_share), yLabel: 'negative share', yRange: [0, 1] });
    chart(score, { series: series((p) => p.mean_score), yLabel: 'mean score', yRange: [-1, 1] });
    chart(volume, { series: series((p) => p.count), yLabel: 'articles / ' + state.window });
    for (const c of [share, score, volume]) {
      c.querySelectorAll('.u-legend .u-series').forEach((row, i) => {
        if (i > 0) row.addEventListener('dblclick', () => {
          location.hash = hash('topic', 'topic', topics.series[i - 1].key);
        });
      });
    }
    const m = market.series[0];
    const last = m && m.points[m.points.length - 1];
    const openCount = (await api.get('/alerts', { state: 'open' })).alerts.length;
    replace(tiles,
      tile('Market negative share', last ? pct(last.negative_share) : '–', 'market-negative-share'),
      tile('Market mean score', last ? num(last.mean_score) : '–', 'market-score'),
      tile('Articles in the last ' + state.window, last ? last.count : '–', 'market-count'),
      tile('Open alerts', openCount, 'open-alert-count'));
    await headlines();
  }

  async function alerts() {
    const { alerts } = await api.get('/alerts', { state: 'open' });
    replace(open, alerts.length === 0 ? el('p', { class: 'dim', text: 'No open alerts.' }) :
      el('table', {},
        el('tr', {}, el('th', { text: 'Severity' }), el('th', { text: 'Key' }),
          el('th', { text: 'Negative share' }), el('th', { text: 'Since' })),
        alerts.map((a) => el('tr', { class: 'alert-row' },
          el('td', {}, severity(a.severity)),
          el('td', {}, el('a', { href: hash('alerts', a.id), text: a.key + ' (' + a.window + ')' })),
          el('td', {}, pct(a.observed_negative_share) + ' vs ' + pct(a.baseline_negative_share)),
          el('td', { text: time(a.starts_at) })))));
  }

  async function headlines() {
    const { articles } = await api.get('/articles',
      { order: 'most_negative', range: '1h', limit: 10 });
    replace(worst, articleTable(articles));
  }

  await Promise.all([trends(), alerts()]);
  return { trends, alerts: () => Promise.all([alerts(), trends()]) };
}

function tile(label, value, id) {
  return el('div', { class: 'tile', id },
    el('div', { class: 'value', text: value }), el('div', { class: 'label', text: label }));
}

/** Headlines with their probabilities; shared with the other pages. */
export function articleTable(articles) {
  if (articles.length === 0) return el('p', { class: 'dim', text: 'No articles.' });
  return el('table', { class: 'articles' },
    el('tr', {}, ['Time', 'Headline', 'Topic', 'Tickers', 'Source', 'P(neg)', 'P(neu)', 'P(pos)',
      'Correct'].map((h) => el('th', { text: h }))),
    articles.map((a) => el('tr', { class: 'article ' + a.sentiment },
      el('td', { class: 'dim', text: time(a.time) }),
      el('td', { class: 'headline' }, headlineLink(a.title, a.url)),
      el('td', {}, el('a', { href: hash('topic', 'topic', a.topic), text: a.topic })),
      el('td', { text: a.tickers.join(', ') }),
      el('td', { class: 'dim', text: a.source }),
      el('td', { class: 'neg', text: num(a.p_negative) }),
      el('td', { class: 'dim', text: num(a.p_neutral) }),
      el('td', { class: 'pos', text: num(a.p_positive) }),
      el('td', {}, sentimentButtons(a)))));
}
