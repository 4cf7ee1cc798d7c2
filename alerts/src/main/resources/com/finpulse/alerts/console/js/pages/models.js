// Models: which registry version the processors serve and what each reports, the shadow candidate
// beside it (agreement, label flips by topic, accuracy on analysts' corrections), the registry's
// versions with promote / shadow, roll back, and the history of changes.
import * as api from '../api.js';
import { el, replace, num, pct, time } from '../dom.js';

export default async function models(root, args, { report }) {
  const status = el('div', { id: 'model-status' });
  const shadow = el('div', { id: 'shadow-report' });
  const versions = el('div', { id: 'model-versions' });
  const history = el('div', { id: 'model-history' });
  const problem = el('p', { class: 'problem', id: 'model-problem' });
  root.append(
    el('h1', { text: 'Models' }), problem,
    el('div', { class: 'panel' }, el('h2', { text: 'Serving' }), status),
    el('div', { class: 'panel' }, el('h2', { text: 'Shadow candidate' }), shadow),
    el('div', { class: 'panel' }, el('h2', { text: 'Registry' }), versions),
    el('div', { class: 'panel' }, el('h2', { text: 'History' }), history));

  async function act(call) {
    problem.textContent = '';
    try {
      await call();
      await refresh();
    } catch (e) {
      if (e instanceof api.ApiError) problem.textContent = e.message;
      else report(e);
    }
  }

  async function refresh() {
    const m = await api.get('/models', { limit: 50 });
    replace(status,
      el('p', {}, 'Asked to serve ', el('strong', { id: 'serving-version', text: m.serving }),
        m.shadow ? ', with ' + m.shadow + ' in shadow on ' + pct(m.shadow_sample) + ' of articles' : '', ' ',
        el('button', { type: 'button', id: 'rollback', text: 'Roll back',
          onclick: () => act(() => api.post('/models/rollback', { reason: 'rolled back from the console' })) })),
      m.processors.length === 0 ? el('p', { class: 'dim', text: 'No processor has reported yet.' }) :
        el('table', { class: 'processors' },
          el('tr', {}, ['Processor', 'Serves', 'Version', 'Shadow', 'Asked for', 'Problem', 'At'].map((h) => el('th', { text: h }))),
          m.processors.map((p) => el('tr', { class: 'processor' + (p.error ? ' failed' : '') },
            el('td', { text: p.instance }), el('td', { text: p.serving }), el('td', { text: p.serving_version }),
            el('td', { text: p.shadow || '–' }), el('td', { text: p.requested || '–' }),
            el('td', { class: 'neg processor-error', text: p.error || '' }), el('td', { class: 'dim', text: time(p.at) })))));
    const r = m.shadow_report;
    replace(shadow, !r.candidate ? el('p', { class: 'dim', text: 'No comparisons yet.' }) : [
      el('p', {}, r.candidate + ' beside ' + r.serving + ': ' + r.compared + ' articles, sentiment agreement ',
        el('strong', { id: 'shadow-agreement', text: pct(r.sentiment_agreement) }), ', topic agreement ' + pct(r.topic_agreement) + '.'),
      el('p', {}, 'On the ' + r.on_feedback.corrections + ' of them analysts corrected: candidate right ' +
        r.on_feedback.candidate_right + ', serving model right ' + r.on_feedback.serving_right + '.'),
      m.shadow ? el('button', { type: 'button', text: 'Stop shadow', onclick: () => act(() => api.del('/models/shadow')) }) : null,
      el('table', {}, el('tr', {}, ['Topic', 'Compared', 'Sentiment flips'].map((h) => el('th', { text: h }))),
        r.by_topic.map((t) => el('tr', {}, el('td', { text: t.topic }), el('td', { text: String(t.compared) }),
          el('td', { text: t.flips + ' (' + pct(t.compared ? t.flips / t.compared : 0) + ')' })))),
    ]);
    replace(versions, m.versions.length === 0 ?
      el('p', { class: 'dim', text: 'No versions in the registry: ./finpulse model train … --registry models/registry' }) :
      el('table', {}, el('tr', {}, ['Version', 'Parent', 'Created', 'Dev score', 'Feedback agreement', ''].map((h) => el('th', { text: h }))),
        m.versions.map((v) => el('tr', { class: 'model-version', 'data-version': v.name },
          el('td', { text: v.name }), el('td', { text: v.parent || '–' }), el('td', { class: 'dim', text: time(v.created) }),
          el('td', { text: num(v.dev_score, 4) }), el('td', { text: v.feedback_agreement == null ? '–' : pct(v.feedback_agreement) }),
          el('td', {},
            el('button', { type: 'button', class: 'promote', text: 'Promote', disabled: v.name === m.serving,
              onclick: () => act(() => api.post('/models/promote', { version: v.name })) }), ' ',
            el('button', { type: 'button', class: 'shadow', text: 'Shadow 10 %', disabled: v.name === m.serving || v.name === m.shadow,
              onclick: () => act(() => api.post('/models/shadow', { version: v.name, sample: 0.1 })) }))))));
    replace(history, m.history.length === 0 ? el('p', { class: 'dim', text: 'No changes yet: the configured model serves.' }) :
      el('table', {}, m.history.map((h) => el('tr', {},
        el('td', { class: 'dim', text: time(h.at) }), el('td', { text: h.action }),
        el('td', { text: 'serving ' + h.serving + (h.shadow ? ', shadow ' + h.shadow : '') }),
        el('td', { text: h.requested_by }), el('td', { class: 'dim', text: h.reason || '' })))));
  }

  await refresh();
  return { alerts: refresh };
}
