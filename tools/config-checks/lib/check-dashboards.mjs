// Checks what the TypeScript types cannot see in the dashboards: top-level keys against an
// allow-list (a misspelled optional top-level key such as `pannels` type-checks), data source
// references against the provisioning, no hard-coded hosts or secrets, the panel layout, and the
// InfluxQL conventions every panel follows ($timeFilter, GROUP BY time($__interval) with fill()).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dashboardsDir, datasourcesDir, filesIn, rel } from './paths.mjs';

const TOP_LEVEL_ALLOWED = new Set([
  'annotations', 'description', 'editable', 'fiscalYearStartMonth', 'graphTooltip', 'id', 'links',
  'liveNow', 'panels', 'preload', 'refresh', 'schemaVersion', 'tags', 'templating', 'time',
  'timepicker', 'timezone', 'title', 'uid', 'version', 'weekStart',
]);
const TOP_LEVEL_REQUIRED = ['uid', 'title', 'schemaVersion', 'time', 'panels', 'templating'];
const BUILTIN_VARIABLES = new Set([
  'timeFilter', '__interval', '__interval_ms', '__range', '__range_s', '__range_ms', '__from', '__to',
]);
// Link and display templates may use Grafana's data and URL macros; queries may not.
const LINK_MACRO = /^__(data|field|series|value|url_time_range|dashboard|org|user)\b/;
const SECRET_WORDS = /\b(password|passwd|secret|token|apikey|api_key|bearer)\b/i;
const HOST_LITERAL = /\bhttps?:\/\/|\blocalhost\b|\b\d{1,3}(\.\d{1,3}){3}\b/i;

const provisionedUids = new Set();
for (const file of filesIn(datasourcesDir, '.yaml', '.yml')) {
  for (const ds of parse(fs.readFileSync(file, 'utf8'))?.datasources ?? []) {
    provisionedUids.add(ds.uid);
  }
}

const problems = [];
const seenUids = new Map();
const seenTitles = new Map();

function walkStrings(value, at, visit) {
  if (typeof value === 'string') {
    visit(value, at);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walkStrings(v, `${at}[${i}]`, visit));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      walkStrings(v, at ? `${at}.${k}` : k, visit);
    }
  }
}

function walkDatasources(value, at, visit) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkDatasources(v, `${at}[${i}]`, visit));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'datasource') {
        visit(v, `${at}.datasource`);
      } else {
        walkDatasources(v, at ? `${at}.${k}` : k, visit);
      }
    }
  }
}

function variablesIn(text) {
  const names = [];
  for (const m of text.matchAll(/\$\{([A-Za-z0-9_.]+)(?::[a-z]+)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    names.push(m[1] ?? m[2]);
  }
  return names;
}

function checkQuery(query, at, variables, report) {
  for (const name of variablesIn(query)) {
    if (!BUILTIN_VARIABLES.has(name) && !variables.has(name)) {
      report(`${at}: query uses undefined variable $${name}`);
    }
  }
  const isSelect = /^\s*SELECT\b/i.test(query);
  if (isSelect && !query.includes('$timeFilter')) {
    report(`${at}: SELECT without $timeFilter scans the whole database: ${query}`);
  }
  for (const m of query.matchAll(/GROUP BY\s+time\(([^)]*)\)/gi)) {
    if (m[1].trim() !== '$__interval') {
      report(`${at}: GROUP BY time(${m[1]}) must use $__interval so Grafana can size the buckets`);
    }
  }
  const groupsByTime = (query.match(/GROUP BY\s+time\(/gi) ?? []).length;
  const fills = (query.match(/\bfill\((null|none|0|previous|linear)\)/gi) ?? []).length;
  if (groupsByTime !== fills) {
    report(`${at}: every GROUP BY time() needs an explicit fill(): ${query}`);
  }
}

for (const file of filesIn(dashboardsDir, '.json')) {
  const name = rel(file);
  const report = (msg) => problems.push(`${name}: ${msg}`);
  let d;
  try {
    d = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    report(`not valid JSON: ${e.message}`);
    continue;
  }
  for (const key of Object.keys(d)) {
    if (!TOP_LEVEL_ALLOWED.has(key)) {
      report(`unknown top-level key "${key}" (allowed: ${[...TOP_LEVEL_ALLOWED].join(', ')})`);
    }
  }
  for (const key of TOP_LEVEL_REQUIRED) {
    if (!(key in d)) {
      report(`missing top-level key "${key}"`);
    }
  }
  if (d.id !== undefined && d.id !== null) {
    report('"id" must be null or absent: Grafana assigns ids, provisioning matches on uid');
  }
  for (const [seen, key] of [[seenUids, 'uid'], [seenTitles, 'title']]) {
    if (seen.has(d[key])) {
      report(`${key} "${d[key]}" is also used by ${seen.get(d[key])}`);
    }
    seen.set(d[key], name);
  }

  walkDatasources(d, '', (ds, at) => {
    if (ds === null || typeof ds !== 'object' || typeof ds.uid !== 'string') {
      report(`${at}: a data source must be referenced as {type, uid}, got ${JSON.stringify(ds)}`);
    } else if (!provisionedUids.has(ds.uid)) {
      report(`${at}: data source uid "${ds.uid}" is not provisioned (provisioned: ${[...provisionedUids].join(', ')})`);
    }
  });

  walkStrings(d, '', (text, at) => {
    if (HOST_LITERAL.test(text)) {
      report(`${at}: hard-coded host or URL "${text}"`);
    }
    if (SECRET_WORDS.test(text)) {
      report(`${at}: looks like a credential: "${text}"`);
    }
  });

  const variables = new Set((d.templating?.list ?? []).map((v) => v.name));
  (d.templating?.list ?? []).forEach((v, i) => {
    if (v.type === 'query') {
      checkQuery(String(v.query ?? ''), `templating.list[${i}] (${v.name})`, variables, report);
    }
  });
  (d.annotations?.list ?? []).forEach((a, i) => {
    checkQuery(String(a.target?.query ?? ''), `annotations.list[${i}] (${a.name})`, variables, report);
  });

  const panels = [];
  for (const p of d.panels ?? []) {
    panels.push(p);
    if (p.type === 'row') {
      panels.push(...(p.panels ?? []));
    }
  }
  const ids = new Map();
  const boxes = [];
  for (const p of panels) {
    const at = `panel ${p.id} "${p.title}"`;
    if (ids.has(p.id)) {
      report(`${at}: id ${p.id} is also used by "${ids.get(p.id)}"`);
    }
    ids.set(p.id, p.title);
    const g = p.gridPos ?? {};
    if (g.x < 0 || g.w < 1 || g.x + g.w > 24 || g.h < 1) {
      report(`${at}: gridPos ${JSON.stringify(g)} does not fit the 24-column grid`);
    }
    for (const b of boxes) {
      if (g.x < b.g.x + b.g.w && b.g.x < g.x + g.w && g.y < b.g.y + b.g.h && b.g.y < g.y + g.h) {
        report(`${at}: overlaps panel ${b.id} "${b.title}"`);
      }
    }
    boxes.push({ id: p.id, title: p.title, g });
    if (p.type === 'row') {
      continue;
    }
    if (!p.description) {
      report(`${at}: needs a description saying what the panel answers`);
    }
    if (!Array.isArray(p.targets) || p.targets.length === 0) {
      report(`${at}: has no queries`);
    }
    const refIds = new Set();
    for (const t of p.targets ?? []) {
      if (refIds.has(t.refId)) {
        report(`${at}: duplicate refId ${t.refId}`);
      }
      refIds.add(t.refId);
      if (t.rawQuery !== true || typeof t.query !== 'string' || t.query.trim() === '') {
        report(`${at} ${t.refId}: needs a raw InfluxQL query (rawQuery: true, query)`);
        continue;
      }
      checkQuery(t.query, `${at} ${t.refId}`, variables, report);
    }
    if (p.interval) {
      for (const n of variablesIn(p.interval)) {
        if (!variables.has(n)) {
          report(`${at}: interval uses undefined variable $${n}`);
        }
      }
    }
    walkStrings({ title: p.title, description: p.description, fieldConfig: p.fieldConfig }, at, (text, where) => {
      for (const n of variablesIn(text)) {
        if (!variables.has(n) && !BUILTIN_VARIABLES.has(n) && !LINK_MACRO.test(n)) {
          report(`${where}: uses undefined variable $${n}`);
        }
      }
    });
  }
}

if (problems.length > 0) {
  console.error(`dashboard lint: ${problems.length} problem(s)`);
  for (const p of problems) {
    console.error(`  ${p}`);
  }
  process.exit(1);
}
console.log(`dashboard lint: ${seenUids.size} dashboards OK`);
