// Consistency checks of docker-compose.yml that neither the compose-spec schema (dclint) nor
// `docker-compose config` make: published ports bind 127.0.0.1, every depends_on target exists
// and has a healthcheck where the condition needs one, build contexts, Dockerfiles and bind-mount
// sources exist, images carry a pinned tag, and Grafana gets what its provisioning expects.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { composeFile, datasourcesDir, providersDir, filesIn, rel, root } from './paths.mjs';

const problems = [];
const report = (msg) => problems.push(msg);

let compose;
try {
  compose = parse(fs.readFileSync(composeFile, 'utf8'));
} catch (e) {
  console.error(`compose checks: cannot read ${rel(composeFile)}: ${e.message}`);
  process.exit(1);
}
const services = compose?.services ?? {};
const volumes = compose?.volumes ?? {};
if (Object.keys(services).length === 0) {
  report('no services defined');
}

/** Drops ${VAR:-default} / ${VAR} interpolation to the text compose would produce with defaults. */
function withDefaults(text) {
  return String(text).replace(/\$\{([A-Z0-9_]+)(?::?[-?]([^}]*))?\}/g, (_, name, dflt) => dflt ?? `<${name}>`);
}

for (const [name, svc] of Object.entries(services)) {
  const at = `service ${name}`;
  const deps = Array.isArray(svc.depends_on) ? Object.fromEntries(svc.depends_on.map((d) => [d, {}])) : (svc.depends_on ?? {});
  for (const [dep, spec] of Object.entries(deps)) {
    if (!(dep in services)) {
      report(`${at}: depends_on "${dep}", which is not a service`);
      continue;
    }
    const check = services[dep].healthcheck;
    const hasHealthcheck = check && check.disable !== true && JSON.stringify(check.test) !== '["NONE"]';
    if (spec?.condition === 'service_healthy' && !hasHealthcheck) {
      report(`${at}: waits for "${dep}" to be healthy, but ${dep} has no healthcheck`);
    }
    if (services[dep].profiles && !svc.profiles) {
      report(`${at}: depends on "${dep}", which only runs in profile(s) ${services[dep].profiles.join(', ')}`);
    }
  }

  for (const port of svc.ports ?? []) {
    if (typeof port === 'object') {
      if (port.host_ip !== '127.0.0.1') {
        report(`${at}: port ${JSON.stringify(port)} must set host_ip: 127.0.0.1`);
      }
    } else if (!String(port).startsWith('127.0.0.1:')) {
      report(`${at}: port "${port}" must bind 127.0.0.1 (write "127.0.0.1:HOST:CONTAINER")`);
    }
  }

  if (svc.image) {
    const image = withDefaults(svc.image);
    const tag = image.includes('@') ? 'digest' : image.split('/').pop().split(':')[1];
    if (!tag || tag === 'latest') {
      report(`${at}: image "${svc.image}" needs a pinned tag`);
    }
  } else if (!svc.build) {
    report(`${at}: has neither image nor build`);
  }
  if (svc.build) {
    const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
    const context = path.resolve(root, build.context ?? '.');
    const dockerfile = path.resolve(context, build.dockerfile ?? 'Dockerfile');
    if (!fs.existsSync(context)) {
      report(`${at}: build context ${build.context} does not exist`);
    }
    if (!fs.existsSync(dockerfile)) {
      report(`${at}: Dockerfile ${path.relative(root, dockerfile)} does not exist`);
    } else if (build.target) {
      const stages = [...fs.readFileSync(dockerfile, 'utf8').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)]
        .map((m) => m[1]);
      if (!stages.includes(build.target)) {
        report(`${at}: build target ${build.target} is not a stage of ${path.relative(root, dockerfile)} (${stages.join(', ')})`);
      }
    }
  }

  for (const v of svc.volumes ?? []) {
    const source = typeof v === 'object' ? v.source : String(v).split(':')[0];
    const isBind = typeof v === 'object' ? v.type === 'bind' : /^[./~]/.test(source);
    if (isBind) {
      if (!fs.existsSync(path.resolve(root, source))) {
        report(`${at}: bind-mount source ${source} does not exist`);
      }
    } else if (source && !(source in volumes)) {
      report(`${at}: named volume "${source}" is not declared under top-level volumes`);
    }
  }

  const env = svc.environment ?? {};
  const envNames = Array.isArray(env) ? env.map((e) => e.split('=')[0]) : Object.keys(env);
  for (const secretLike of envNames.filter((n) => /PASSWORD|SECRET|TOKEN/.test(n))) {
    const value = Array.isArray(env) ? env.find((e) => e.startsWith(`${secretLike}=`))?.split('=').slice(1).join('=') : env[secretLike];
    if (value && !/^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$/.test(String(value))) {
      report(`${at}: ${secretLike} is a literal in the compose file; take it from the environment (\${VAR})`);
    }
  }
}

// Grafana must receive every ${VAR} its provisioning files reference, and mount the dashboards
// where the file provider looks for them.
const grafana = Object.entries(services).find(([, s]) => String(s.image ?? '').startsWith('grafana/'));
if (!grafana) {
  report('no Grafana service (image grafana/grafana:...)');
} else {
  const [gname, gsvc] = grafana;
  const genv = new Set(Object.keys(gsvc.environment ?? {}));
  const mounts = (gsvc.volumes ?? []).map((v) => String(v).split(':'));
  for (const file of [...filesIn(datasourcesDir, '.yaml', '.yml'), ...filesIn(providersDir, '.yaml', '.yml')]) {
    const text = fs.readFileSync(file, 'utf8').split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
    for (const m of text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)\}?/g)) {
      if (!genv.has(m[1])) {
        report(`service ${gname}: ${rel(file)} uses \${${m[1]}}, which the service's environment does not set`);
      }
    }
  }
  const mountedAt = (hostDir) =>
    mounts.find(([src]) => path.resolve(root, src) === path.resolve(root, hostDir))?.[1];
  if (mountedAt('grafana/provisioning') !== '/etc/grafana/provisioning') {
    report(`service ${gname}: ./grafana/provisioning must be mounted at /etc/grafana/provisioning`);
  }
  for (const file of filesIn(providersDir, '.yaml', '.yml')) {
    for (const provider of parse(fs.readFileSync(file, 'utf8'))?.providers ?? []) {
      const wanted = provider?.options?.path;
      if (mountedAt('grafana/dashboards') !== wanted) {
        report(`service ${gname}: provider "${provider.name}" reads ${wanted}, but ./grafana/dashboards is mounted at ${mountedAt('grafana/dashboards')}`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`compose checks: ${problems.length} problem(s) in ${rel(composeFile)}`);
  for (const p of problems) {
    console.error(`  ${p}`);
  }
  process.exit(1);
}
console.log(`compose checks: ${Object.keys(services).length} services OK`);
