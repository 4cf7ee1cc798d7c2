// Proves the checks can fail: copies the checked files into a temp tree, makes one deliberate
// mistake at a time, runs check.sh on the copy and expects the named check(s) to fail. A mistake
// that no check catches fails the self-test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageDir, root } from './paths.mjs';

const COPIED = ['grafana', 'config', 'docker-compose.yml', 'Dockerfile', 'alerts/src/main/resources'];

const OVERVIEW = 'grafana/dashboards/finpulse-overview.json';
const DATASOURCE = 'grafana/provisioning/datasources/influxdb.yaml';
const PROVIDER = 'grafana/provisioning/dashboards/finpulse.yaml';
const COMPOSE = 'docker-compose.yml';

const TYPES = 'dashboards type-check (@grafana/schema)';
const LINT = 'dashboards lint';
const DS_SCHEMA = 'grafana datasources schema';
const DCLINT = 'compose schema and rules (dclint)';
const CONSISTENCY = 'compose consistency';
const V1 = 'compose config (docker-compose 1.29)';
const hasComposeV1 = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

/** Each case: the file, the exact text replaced (must occur), its replacement, the checks that must fail. */
const CASES = [
  ['misspelled key in the data source', DATASOURCE, '    access: proxy', '    acess: proxy', [DS_SCHEMA]],
  ['data source without uid', DATASOURCE, '    uid: finpulse-influxdb\n', '', [DS_SCHEMA, TYPES]],
  ['InfluxDB Flux mode instead of InfluxQL', DATASOURCE, 'version: InfluxQL', 'version: Flux', [DS_SCHEMA]],
  ['provider of an unknown type', PROVIDER, '    type: file', '    type: files', ['grafana dashboard providers schema']],
  ['misspelled top-level "panels"', OVERVIEW, '"panels": [', '"pannels": [', [LINT, TYPES]],
  ['extra unknown top-level key', OVERVIEW, '"uid": "finpulse-overview",', '"uid": "finpulse-overview", "pannels": [],', [LINT, TYPES]],
  ['gridPos.h as a string', OVERVIEW, '"h": 9,', '"h": "9",', [TYPES]],
  ['unknown key in gridPos', OVERVIEW, '"h": 9,', '"hh": 9,', [TYPES]],
  ['misspelled legend option', OVERVIEW, '"displayMode": "table"', '"displayMode": "tabel"', [TYPES]],
  ['data source uid that provisioning does not define', OVERVIEW, '"uid": "finpulse-influxdb"', '"uid": "P951FEA4DE68E13C5"', [TYPES, LINT]],
  ['query without $timeFilter', OVERVIEW, ' AND $timeFilter ORDER BY time DESC LIMIT 50', ' ORDER BY time DESC LIMIT 50', [LINT]],
  ['hard-coded GROUP BY time(1m)', OVERVIEW, 'GROUP BY time($__interval), \\"key\\" fill(0)', 'GROUP BY time(1m), \\"key\\" fill(0)', [LINT]],
  ['GROUP BY time() without fill()', OVERVIEW, 'GROUP BY time($__interval), \\"key\\" fill(0)', 'GROUP BY time($__interval), \\"key\\"', [LINT]],
  ['undefined template variable', OVERVIEW, '/^$topic$/ AND $timeFilter ORDER BY', '/^$topik$/ AND $timeFilter ORDER BY', [LINT]],
  ['hard-coded InfluxDB host', OVERVIEW, '"description": "Articles the model scored', '"description": "See http://influxdb:8086. Articles the model scored', [LINT]],
  ['"ports" misspelled', COMPOSE, '    ports:\n      - "127.0.0.1:${GRAFANA_HOST_PORT', '    port:\n      - "127.0.0.1:${GRAFANA_HOST_PORT', [DCLINT, ...(hasComposeV1 ? [V1] : [])]],
  ['depends_on a service that does not exist', COMPOSE, '      mailpit:\n        condition: service_healthy', '      mailbox:\n        condition: service_healthy', [CONSISTENCY, ...(hasComposeV1 ? [V1] : [])]],
  ['port published on all interfaces', COMPOSE, '"127.0.0.1:${GRAFANA_HOST_PORT:-3000}:3000"', '"${GRAFANA_HOST_PORT:-3000}:3000"', [CONSISTENCY, DCLINT]],
  ['image without a tag', COMPOSE, 'image: grafana/grafana:13.2.3', 'image: grafana/grafana', [CONSISTENCY, DCLINT]],
  ['secret written into the compose file', COMPOSE, 'SMTP_PASSWORD: ${SMTP_PASSWORD:-}', 'SMTP_PASSWORD: hunter2', [CONSISTENCY]],
  ['Grafana without the INFLUX_URL its provisioning expands', COMPOSE, '      INFLUX_URL: http://influxdb:8086\n      GF_SECURITY_ADMIN_USER', '      GF_SECURITY_ADMIN_USER', [CONSISTENCY]],
  ['dashboards mounted where the provider does not look', COMPOSE, './grafana/dashboards:/etc/grafana/dashboards/finpulse:ro', './grafana/dashboards:/var/lib/grafana/dashboards:ro', [CONSISTENCY]],
  ['waiting for a service without a healthcheck', COMPOSE, '      test: ["CMD", "/mailpit", "readyz"]\n      interval: 10s\n      timeout: 5s\n      retries: 6\n      start_period: 5s\n', '      disable: true\n', [CONSISTENCY]],
  ['misspelled Dockerfile instruction', 'Dockerfile', '\nCOPY --from=build', '\nCOPPY --from=build', ['Dockerfiles lint']],
  ['build target that is no stage', COMPOSE, '      target: alerts', '      target: alert', [CONSISTENCY]],
  ['unbalanced bracket in a console script', 'alerts/src/main/resources/com/finpulse/alerts/console/js/app.js',
    'const PAGES = {', 'const PAGES = {{', ['console scripts parse']],
];

function copyTree(to) {
  for (const item of COPIED) {
    const from = path.join(root, item);
    if (!fs.existsSync(from)) {
      throw new Error(`self-test: ${item} is missing in ${root}`);
    }
    fs.cpSync(from, path.join(to, item), { recursive: true });
  }
}

function failedChecks(output) {
  return new Set([...output.matchAll(/^FAIL (.+)$/gm)].map((m) => m[1].trim()));
}

const problems = [];
const pristine = fs.mkdtempSync(path.join(os.tmpdir(), 'finpulse-config-selftest-'));
try {
  copyTree(pristine);
  const baseline = spawnSync('bash', [path.join(packageDir, 'check.sh'), '--no-install'], {
    env: { ...process.env, FINPULSE_CHECK_ROOT: pristine },
    encoding: 'utf8',
  });
  if (baseline.status !== 0) {
    problems.push(`the unmodified copy does not pass:\n${baseline.stdout}${baseline.stderr}`);
  }
  for (const [name, file, from, to, expected] of CASES) {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'finpulse-config-mutant-'));
    try {
      copyTree(tree);
      const target = path.join(tree, file);
      const text = fs.readFileSync(target, 'utf8');
      if (!text.includes(from)) {
        problems.push(`${name}: the text to break is not in ${file} any more: ${JSON.stringify(from)}`);
        continue;
      }
      fs.writeFileSync(target, text.replace(from, to));
      const run = spawnSync('bash', [path.join(packageDir, 'check.sh'), '--no-install'], {
        env: { ...process.env, FINPULSE_CHECK_ROOT: tree },
        encoding: 'utf8',
      });
      const failed = failedChecks(run.stdout);
      const missed = expected.filter((c) => !failed.has(c));
      if (run.status === 0 || missed.length > 0) {
        problems.push(`${name}: expected ${expected.join(' + ')} to fail, got exit ${run.status}, failed: ${[...failed].join(', ') || 'none'}`);
      } else {
        console.log(`caught: ${name} -> ${[...failed].join(', ')}`);
      }
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  }
} finally {
  fs.rmSync(pristine, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`self-test: ${problems.length} problem(s)`);
  for (const p of problems) {
    console.error(`  ${p}`);
  }
  process.exit(1);
}
console.log(`self-test: all ${CASES.length} deliberate mistakes were caught`);
