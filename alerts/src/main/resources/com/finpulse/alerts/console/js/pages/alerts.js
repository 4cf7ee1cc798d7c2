// Alerts: open and recent, with evidence and notification outcomes; silences made from an alert.
import * as api from '../api.js';
import { el, replace, pct, time, hash, severity, headlineLink } from '../dom.js';
import { sentimentButtons } from '../feedback.js';

export default async function alerts(root, [focus]) {
  const list = el('div', { id: 'alert-list' });
  const silences = el('div', { id: 'silences' });
  const note = el('p', { class: 'problem', id: 'alert-problem' });
  root.append(el('h1', { text: 'Alerts' }), note, list,
    el('h2', { text: 'Silences' }), silences);

  async function refresh() {
    const [open, recent, outcomes, s] = await Promise.all([
      api.get('/alerts', { state: 'open' }),
      api.get('/alerts', { state: 'recent', limit: 100 }),
      api.get('/notifications', { limit: 500 }),
      api.get('/silences'),
    ]);
    // One card per alert: its latest state (recent is newest first).
    const latest = new Map();
    for (const a of [...open.alerts, ...recent.alerts]) if (!latest.has(a.id)) latest.set(a.id, a);
    let shown = [...latest.values()];
    if (focus) shown.sort((x, y) => (y.id === focus) - (x.id === focus));
    replace(list, shown.length === 0 ? el('p', { class: 'dim', text: 'No alerts yet.' }) :
      shown.map((a) => card(a, outcomes.notifications)));
    replace(silences, s.silences.length === 0 ? el('p', { class: 'dim', text: 'No silences.' }) :
      el('table', {},
        el('tr', {}, ['Matches', 'By', 'Comment', 'Until', ''].map((h) => el('th', { text: h }))),
        s.silences.map((x) => el('tr', { class: 'silence' },
          el('td', { text: [x.key_kind, x.key, x.window, x.subscription].filter(Boolean).join(' / ') }),
          el('td', { text: x.created_by }),
          el('td', { text: x.comment }),
          el('td', { text: time(x.ends_at) }),
          el('td', {}, el('button', { type: 'button', class: 'expire', text: 'Expire',
            onclick: () => act(() => api.del('/silences/' + encodeURIComponent(x.id))) }))))));
  }

  async function act(f) {
    note.textContent = '';
    try {
      await f();
    } catch (e) {
      note.textContent = e.message + (e.problems.length ? '\n' + e.problems.join('\n') : '');
      return;
    }
    await refresh();
  }

  function card(a, outcomes) {
    const mine = outcomes.filter((o) => (o.alerts || []).some((n) => n.alert_id === a.id));
    return el('div', { class: 'card alert', id: 'alert-' + a.id },
      el('div', {}, severity(a.severity), ' ',
        el('strong', { text: a.key_kind + ' ' + a.key }), ' ',
        el('span', { class: 'dim', text: a.window + ' window · ' + a.status + ' · since ' + time(a.starts_at) }), ' ',
        el('a', { href: hash('topic', a.key_kind, a.key), text: 'drill down' })),
      el('p', { text: a.summary }),
      el('div', { class: 'dim', text: 'negative share ' + pct(a.observed_negative_share) +
        ' against baseline ' + pct(a.baseline_negative_share) + ', ' + a.article_count + ' articles' }),
      el('h2', { text: 'Evidence' }),
      el('ul', { class: 'evidence' }, a.evidence.map((h) => el('li', {},
        headlineLink(h.title, h.url), ' ',
        el('span', { class: 'dim', text: h.source + ', score ' + Number(h.sentiment_score).toFixed(2) }), ' ',
        sentimentButtons({ article_id: h.article_id, title: h.title })))),
      el('h2', { text: 'Notifications' }),
      mine.length === 0 ? el('p', { class: 'dim', text: 'None sent (no subscriber, silenced or inhibited).' }) :
        el('table', { class: 'outcomes' }, mine.map((o) => el('tr', {},
          el('td', { text: o.channel }), el('td', { text: o.subscription }),
          el('td', { class: o.outcome === 'delivered' ? 'pos' : 'neg', text: o.outcome }),
          el('td', { text: o.attempts + ' attempt(s)' }),
          el('td', { class: 'dim', text: o.error || '' })))),
      el('div', { class: 'controls' },
        el('button', { type: 'button', class: 'silence-alert', text: 'Silence for 1h',
          onclick: () => act(() => api.post('/silences', {
            key_kind: a.key_kind, key: a.key, window: a.window, duration: '1h',
            created_by: 'console', comment: 'silenced from the console' })) })));
  }

  await refresh();
  return { alerts: refresh };
}
