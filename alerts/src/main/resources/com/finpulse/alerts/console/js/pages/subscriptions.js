// Subscriptions: both sources listed; those added here can be changed, tested and removed. The
// server checks them with the rules of subscriptions.yml and its messages are shown as they are.
import * as api from '../api.js';
import { el, replace } from '../dom.js';

const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

export default async function subscriptions(root) {
  const table = el('div', { id: 'subscription-list' });
  const note = el('p', { class: 'problem', id: 'subscription-problem' });
  const done = el('p', { class: 'pos', id: 'subscription-note' });
  const f = {
    name: el('input', { name: 'name', required: true }),
    topics: el('input', { name: 'topics', placeholder: 'Energy | Oil, Banks (comma-separated; * = all)' }),
    tickers: el('input', { name: 'tickers', placeholder: 'XOM, CVX' }),
    market: el('input', { name: 'market', type: 'checkbox' }),
    windows: el('input', { name: 'windows', placeholder: '1m, 5m, 1h (empty: all)' }),
    min_severity: el('select', { name: 'min_severity' },
      el('option', { value: 'warning', text: 'warning' }), el('option', { value: 'critical', text: 'critical' })),
    email: el('input', { name: 'email', placeholder: 'desk@example.com' }),
    webhook: el('input', { name: 'webhook', placeholder: 'https://hooks.example.com/… (secret below)' }),
    secret: el('input', { name: 'secret', type: 'password', placeholder: 'webhook secret (16+ characters)' }),
  };
  let editing = null;
  const submit = el('button', { type: 'submit', text: 'Add subscription' });
  const form = el('form', { class: 'sub', id: 'subscription-form' },
    Object.entries(f).map(([k, input]) => [el('label', { text: k.replace('_', ' ') }), input]),
    el('div', { class: 'wide' }, submit, ' ',
      el('button', { type: 'button', text: 'Clear', onclick: () => edit(null) })),
    el('div', { class: 'wide' }, note, done));
  root.append(el('h1', { text: 'Subscriptions' }), table, el('h2', { text: 'Add or change' }), form);

  function body() {
    const webhooks = f.webhook.value.trim()
      ? [{ url: f.webhook.value.trim(), secret: f.secret.value || null }] : [];
    return {
      name: f.name.value.trim(), topics: list(f.topics.value), tickers: list(f.tickers.value),
      market: f.market.checked, windows: list(f.windows.value), min_severity: f.min_severity.value,
      channels: { email: list(f.email.value), webhooks },
    };
  }

  function edit(s) {
    editing = s ? s.name : null;
    f.name.value = s ? s.name : '';
    f.name.readOnly = !!s;
    f.topics.value = s ? s.topics.join(', ') : '';
    f.tickers.value = s ? s.tickers.join(', ') : '';
    f.market.checked = s ? s.market : false;
    f.windows.value = s ? s.windows.join(', ') : '';
    f.min_severity.value = s ? s.min_severity : 'warning';
    f.email.value = s ? s.email.join(', ') : '';
    f.webhook.value = '';
    f.secret.value = '';
    f.webhook.placeholder = s && s.webhooks.length
      ? 'webhooks: ' + s.webhooks.map((w) => w.target).join(', ') + ' — give the URL again to keep it'
      : 'https://hooks.example.com/…';
    submit.textContent = s ? 'Save ' + s.name : 'Add subscription';
  }

  async function act(f2, message) {
    note.textContent = '';
    done.textContent = '';
    try {
      const r = await f2();
      done.textContent = typeof message === 'function' ? message(r) : message;
    } catch (e) {
      note.textContent = e.message + (e.problems.length ? ':\n' + e.problems.join('\n') : '');
      return false;
    }
    await refresh();
    return true;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const b = body();
    const ok = editing
      ? await act(() => api.put('/subscriptions/' + encodeURIComponent(editing), b), 'Saved ' + b.name)
      : await act(() => api.post('/subscriptions', b), 'Added ' + b.name);
    if (ok) edit(null);
  });

  async function refresh() {
    const { subscriptions: subs, file } = await api.get('/subscriptions');
    replace(table, el('p', { class: file.last_error ? 'problem' : 'dim',
      text: 'subscriptions.yml: ' + file.file + ', ' + file.subscriptions + ' subscription(s)' +
        (file.last_error ? '; last reload failed: ' + file.last_error : '') }),
      subs.length === 0 ? el('p', { class: 'dim', text: 'No subscriptions.' }) :
      el('table', {},
        el('tr', {}, ['Name', 'From', 'Topics / tickers', 'Windows', 'Min severity', 'Channels', '']
          .map((h) => el('th', { text: h }))),
        subs.map((s) => el('tr', { class: 'subscription', 'data-name': s.name },
          el('td', { text: s.name }),
          el('td', { class: 'dim', text: s.source }),
          el('td', { text: [...s.topics, ...s.tickers, s.market ? 'market' : ''].filter(Boolean).join(', ') }),
          el('td', { text: s.windows.join(', ') || 'all' }),
          el('td', { text: s.min_severity }),
          el('td', { text: [...s.email, ...s.webhooks.map((w) => w.target)].join(', ') }),
          el('td', {},
            el('button', { type: 'button', class: 'test', text: 'Send test',
              onclick: () => act(() => api.post('/subscriptions/' + encodeURIComponent(s.name) + '/test'),
                (r) => 'Test of ' + s.name + ': ' + JSON.stringify(r)) }),
            s.source === 'api' ? [' ',
              el('button', { type: 'button', class: 'edit', text: 'Edit', onclick: () => edit(s) }), ' ',
              el('button', { type: 'button', class: 'delete', text: 'Delete',
                onclick: () => act(() => api.del('/subscriptions/' + encodeURIComponent(s.name)),
                  'Removed ' + s.name) })] : null)))));
  }

  await refresh();
  return {};
}
