// The console: sign-in, the pages (by the URL's #fragment), live refresh from server-sent events.
import * as api from './api.js';
import { el, replace } from './dom.js';
import overview from './pages/overview.js';
import topic from './pages/topic.js';
import alerts from './pages/alerts.js';
import articles from './pages/articles.js';
import subscriptions from './pages/subscriptions.js';
import review from './pages/review.js';
import models from './pages/models.js';

const PAGES = { overview, topic, alerts, articles, review, models, subscriptions };
const $ = (id) => document.getElementById(id);
let current = null;
let events = null;

/** Shows a failed request or script error; the browser test fails on any. */
export function report(error) {
  const box = $('errors');
  box.hidden = false;
  box.append(el('div', { class: 'error', text: String(error && error.message ? error.message : error) }));
  console.error(error);
}
window.addEventListener('error', (e) => report(e.error || e.message));
window.addEventListener('unhandledrejection', (e) => report(e.reason));

async function route() {
  const [name, ...args] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const page = PAGES[name] || overview;
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === '#/' + (PAGES[name] ? name : 'overview'));
  }
  if (current && current.leave) current.leave();
  const root = $('page');
  replace(root);
  current = (await page(root, args, { report })) || {};
}

function listen() {
  events = new EventSource('/api/v1/events');
  events.addEventListener('hello', () => { $('live').hidden = false; });
  for (const kind of ['alerts', 'trends']) {
    events.addEventListener(kind, () => {
      if (current && current[kind]) Promise.resolve(current[kind]()).catch(report);
    });
  }
  events.onerror = () => { $('live').hidden = true; };
}

async function start() {
  $('nav').hidden = false;
  $('signout').hidden = false;
  $('login').hidden = true;
  listen();
  window.addEventListener('hashchange', () => route().catch(report));
  await route();
}

async function main() {
  $('signout').addEventListener('click', async () => {
    await api.signOut();
    location.reload();
  });
  if (await api.session()) return start();
  const form = $('login');
  form.hidden = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.signIn($('token').value, $('user').value.trim());
      $('token').value = '';
      await start();
    } catch (err) {
      $('login-error').textContent = err.message;
    }
  });
}

main().catch(report);
