// Drill-down into one topic or ticker: its negative share against the detector's baseline over time
// (/trends/baseline: the detector's own rule over the same trend points), its volumes, its alerts as
// markers, and the headlines of a picked window.
import * as api from '../api.js';
import { chart } from '../charts.js';
import { el, replace, pct, time, hash, severity } from '../dom.js';
import { windowRangeControls } from './controls.js';
import { articleTable } from './overview.js';

const WINDOW_MS = { '1m': 60e3, '5m': 300e3, '1h': 3600e3 };

export default async function topic(root, [kind = 'topic', key = '']) {
  const state = { window: '1m', range: '1h' };
  const share = el('div', { class: 'chart', id: 'chart-key-share' });
  const volume = el('div', { class: 'chart', id: 'chart-key-volume' });
  const picked = el('div', { id: 'picked-window' },
    el('p', { class: 'dim', text: 'Click a point of a chart to see the headlines of that window.' }));
  const history = el('div', { id: 'key-alerts' });
  root.append(
    el('h1', {}, kind + ': ', el('span', { id: 'key-name', text: key })),
    windowRangeControls(state, () => refresh()),
    el('div', { class: 'grid' },
      el('div', { class: 'panel' },
        el('h2', { text: 'Novelty-adjusted negative share against its baseline, alerts (markers)' }), share),
      el('div', { class: 'panel' },
        el('h2', { text: 'Volume: all, novel (not near-duplicates), negative' }), volume)),
    el('div', { class: 'panel' }, el('h2', { text: 'Headlines of the picked window' }), picked),
    el('div', { class: 'panel' }, el('h2', { text: 'Alert history' }), history));

  async function pick(ms) {
    const from = new Date(ms).toISOString();
    const to = new Date(ms + WINDOW_MS[state.window]).toISOString();
    const filter = kind === 'ticker' ? { ticker: key } : kind === 'topic' ? { topic: key } : {};
    const { articles } = await api.get('/articles', { ...filter, from, to, limit: 100 });
    replace(picked,
      el('p', { class: 'dim', text: state.window + ' window from ' + time(from) }),
      articleTable(articles));
  }

  async function refresh() {
    const query = { key_kind: kind, key, window: state.window, range: state.range };
    const [t, b, a] = await Promise.all([
      api.get('/trends', query),
      api.get('/trends/baseline', query),
      api.get('/alerts', { state: 'recent', key_kind: kind, key, limit: 200 }),
    ]);
    const points = t.series.length ? t.series[0].points : [];
    // Over the key's own points only; a baseline that has not seen enough windows yet judges
    // nothing and is left out.
    const first = points.length ? Date.parse(points[0].time) : Infinity;
    const last = points.length ? Date.parse(points[points.length - 1].time) : -Infinity;
    const baseline = b.points
      .filter((p) => p.warm && Date.parse(p.window_start) >= first && Date.parse(p.window_start) <= last)
      .map((p) => ({ time: p.window_start, v: p.share }));
    const fired = a.alerts.filter((x) => x.status === 'firing');
    const onPick = (ms) => pick(ms).catch((e) => { throw e; });
    chart(share, {
      yLabel: 'negative share', yRange: [0, 1], onPick,
      series: [
        { label: 'negative share, novel (' + state.window + ')', points,
          value: (p) => (p.novel_count > 0 ? p.novel_negative / p.novel_count : null) },
        { label: 'baseline', points: baseline, value: (p) => p.v, color: '#d4a72c', dash: [6, 4] },
        { label: 'alert', points_only: true, color: '#e5534b',
          points: fired.map((x) => ({ time: x.window_start, v: x.observed_negative_share })),
          value: (p) => p.v },
      ],
    });
    share.dataset.baselinePoints = String(baseline.length);
    chart(volume, {
      yLabel: 'articles / ' + state.window, onPick,
      series: [
        { label: 'all', points, value: (p) => p.count },
        { label: 'novel', points, value: (p) => p.novel_count },
        { label: 'negative', points, value: (p) => p.negative },
      ],
    });
    replace(history, a.alerts.length === 0 ? el('p', { class: 'dim', text: 'No alerts.' }) :
      el('table', {}, a.alerts.map((x) => el('tr', {},
        el('td', {}, severity(x.severity)),
        el('td', { text: x.status }),
        el('td', {}, el('a', { href: hash('alerts', x.id), text: x.window + ' window ' + time(x.window_start) })),
        el('td', { text: pct(x.observed_negative_share) + ' vs baseline ' + pct(x.baseline_negative_share) })))));
  }

  await refresh();
  return { trends: refresh, alerts: refresh };
}
