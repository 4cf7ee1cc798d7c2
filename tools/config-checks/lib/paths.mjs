// Where the checked files live, relative to the repository root (two levels above this package).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Root of the checked tree: FINPULSE_CHECK_ROOT (the self-test points it at a mutated copy) or the repo. */
export const root = path.resolve(process.env.FINPULSE_CHECK_ROOT ?? path.join(here, '..', '..', '..'));
export const packageDir = path.resolve(here, '..');
export const buildDir = path.join(packageDir, 'build');

export const datasourcesDir = path.join(root, 'grafana', 'provisioning', 'datasources');
export const providersDir = path.join(root, 'grafana', 'provisioning', 'dashboards');
export const dashboardsDir = path.join(root, 'grafana', 'dashboards');
export const composeFile = path.join(root, 'docker-compose.yml');

/** Files in dir whose names end with one of the extensions, sorted; fails when there are none. */
export function filesIn(dir, ...extensions) {
  if (!fs.existsSync(dir)) {
    throw new Error(`missing directory ${path.relative(root, dir)}`);
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => extensions.some((e) => f.endsWith(e)))
    .sort()
    .map((f) => path.join(dir, f));
  if (files.length === 0) {
    throw new Error(`no ${extensions.join('/')} files in ${path.relative(root, dir)}`);
  }
  return files;
}

export function rel(file) {
  return path.relative(root, file);
}
