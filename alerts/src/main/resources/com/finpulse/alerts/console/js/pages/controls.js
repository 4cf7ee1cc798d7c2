// The window (1m/5m/1h) and range (last 1h/6h/24h/7d) pickers of the chart pages.
import { el } from '../dom.js';

export function windowRangeControls(state, changed) {
  const select = (name, options, label) =>
    el('label', {}, label + ' ',
      el('select', { name, onchange: (e) => { state[name] = e.target.value; changed(); } },
        options.map(([v, t]) => el('option', { value: v, selected: state[name] === v, text: t }))));
  return el('div', { class: 'controls' },
    select('window', [['1m', '1 minute'], ['5m', '5 minutes'], ['1h', '1 hour']], 'Window'),
    select('range', [['1h', 'last hour'], ['6h', 'last 6 hours'], ['24h', 'last 24 hours'],
      ['7d', 'last 7 days']], 'Range'));
}
