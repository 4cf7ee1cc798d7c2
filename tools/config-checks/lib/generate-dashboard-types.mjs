// Wraps every dashboard JSON in a TypeScript module that type-checks it against FinPulseDashboard
// (dashboard-types.ts, built on @grafana/schema), and writes the provisioned data source uids as a
// type, so a dashboard that references any other uid does not compile.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { buildDir, dashboardsDir, datasourcesDir, filesIn, rel } from './paths.mjs';

/** Lines the wrapper puts before the dashboard's first line: tsc line N is JSON line N - HEADER_LINES. */
export const HEADER_LINES = 2;

fs.rmSync(buildDir, { recursive: true, force: true });
fs.mkdirSync(buildDir, { recursive: true });

const uids = [];
for (const file of filesIn(datasourcesDir, '.yaml', '.yml')) {
  const doc = parse(fs.readFileSync(file, 'utf8'));
  for (const ds of doc?.datasources ?? []) {
    if (typeof ds.uid === 'string') {
      uids.push(ds.uid);
    }
  }
}
if (uids.length === 0) {
  throw new Error('no data source with a uid in grafana/provisioning/datasources');
}
fs.writeFileSync(
  path.join(buildDir, 'provisioned.ts'),
  `// Generated from grafana/provisioning/datasources: the only data source uids dashboards may use.\n` +
    `export type ProvisionedDataSourceUid = ${uids.map((u) => JSON.stringify(u)).join(' | ')};\n`,
);

for (const file of filesIn(dashboardsDir, '.json')) {
  const json = fs.readFileSync(file, 'utf8');
  JSON.parse(json); // a syntax error is reported here with the file's name, not as a TS error
  const name = path.basename(file, '.json');
  const ts =
    `// Generated from ${rel(file)}: do not edit.\n` +
    `import type { FinPulseDashboard } from '../dashboard-types.js';\n` +
    `export const dashboard = ${json.trimEnd()} satisfies FinPulseDashboard;\n`;
  fs.writeFileSync(path.join(buildDir, `${name}.ts`), ts);
}
console.log(`generated type-check wrappers for ${filesIn(dashboardsDir, '.json').length} dashboards`);
