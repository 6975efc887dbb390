// What the final image promises to whoever runs it: CMD, ENTRYPOINT, EXPOSE, USER, ENV, LABEL,
// HEALTHCHECK, WORKDIR, STOPSIGNAL, VOLUME. A rewrite step may add to them (a USER where there was
// none, NODE_ENV=production) but never change or drop one the user wrote.
import type { DockerfileModel, Instruction, KeyValue, Stage } from './model';
import { finalStage } from './primitives/stages';

export interface Promises {
  cmd: string | null;
  entrypoint: string | null;
  expose: string[];
  user: string | null;
  env: Record<string, string>;
  labels: Record<string, string>;
  healthcheck: string | null;
  workdir: string | null;
  stopsignal: string | null;
  volumes: string[];
}

export type PromiseKey = keyof Promises;

const PROMISE_KEYS: ReadonlySet<string> = new Set<PromiseKey>([
  'cmd',
  'entrypoint',
  'expose',
  'user',
  'env',
  'labels',
  'healthcheck',
  'workdir',
  'stopsignal',
  'volumes',
]);

/** True for a promise name (a fix's `changes` come as plain strings). */
export function isPromiseKey(name: string): name is PromiseKey {
  return PROMISE_KEYS.has(name);
}

/** The final stage and the stages it is built FROM, outermost first. */
function chain(model: DockerfileModel): Stage[] {
  const out: Stage[] = [];
  let s = finalStage(model);
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.unshift(s);
    s = 'stage' in s.base ? (model.stages[s.base.stage] ?? null) : null;
  }
  return out;
}

/** Exec form and simple shell form compare equal: ["npm","start"] ≡ npm start. */
export function normalizeCommand(i: Instruction): string {
  if (i.form === 'json' && i.json) return JSON.stringify(i.json);
  const text = i.argsAfterFlags.replace(/\s+/g, ' ').trim();
  if (!/[|&;<>()$`\\"'*?[\]{}~#=]/.test(text)) return JSON.stringify(text.split(' ').filter(Boolean));
  return text;
}

function words(i: Instruction): string[] {
  const args = (i as { args?: string[] }).args;
  if (Array.isArray(args) && args.length) return args;
  if (i.form === 'json' && i.json) return i.json;
  return i.argsAfterFlags.trim().split(/\s+/).filter(Boolean);
}

function pairsOf(i: Instruction): KeyValue[] {
  return (i as { pairs?: KeyValue[] }).pairs ?? [];
}

export function extractPromises(model: DockerfileModel): Promises {
  const p: Promises = {
    cmd: null,
    entrypoint: null,
    expose: [],
    user: null,
    env: {},
    labels: {},
    healthcheck: null,
    workdir: null,
    stopsignal: null,
    volumes: [],
  };
  const stages = chain(model);
  for (const s of stages) {
    for (const i of s.instructions) {
      switch (i.keyword) {
        case 'CMD':
          p.cmd = normalizeCommand(i);
          break;
        case 'ENTRYPOINT':
          p.entrypoint = normalizeCommand(i);
          // Docker resets an inherited CMD when ENTRYPOINT is set in the same image.
          break;
        case 'EXPOSE':
          for (const w of words(i)) p.expose.push(w.replace(/\/tcp$/i, '').toLowerCase());
          break;
        case 'USER':
          p.user = i.argsAfterFlags.trim();
          break;
        case 'ENV':
          for (const kv of pairsOf(i)) p.env[kv.key] = (kv.value ?? '').replace(/^"(.*)"$/, '$1');
          break;
        case 'LABEL':
          for (const kv of pairsOf(i))
            p.labels[kv.key.replace(/^"(.*)"$/, '$1')] = (kv.value ?? '').replace(/^"(.*)"$/, '$1');
          break;
        case 'HEALTHCHECK':
          p.healthcheck = i.argsText.replace(/\s+/g, ' ').trim();
          break;
        case 'STOPSIGNAL':
          p.stopsignal = i.argsAfterFlags.trim();
          break;
        case 'VOLUME':
          for (const w of words(i)) p.volumes.push(w);
          break;
      }
    }
  }
  const last = stages[stages.length - 1];
  if (last) {
    const hasWorkdir = stages.some((s) => s.instructions.some((i) => i.keyword === 'WORKDIR'));
    p.workdir = hasWorkdir ? last.workdir : null;
  }
  p.expose = [...new Set(p.expose)].sort();
  p.volumes = [...new Set(p.volumes)].sort();
  return p;
}

/**
 * What `before` promised that `after` no longer keeps (empty when all is kept). `allow` lists
 * promises a step may change knowingly (and says so in its caveats).
 */
export function brokenPromises(
  before: Promises,
  after: Promises,
  allow: ReadonlySet<PromiseKey> = new Set(),
): string[] {
  const out: string[] = [];
  const check = (key: PromiseKey, ok: boolean, what: string) => {
    if (!ok && !allow.has(key)) out.push(what);
  };
  if (before.cmd !== null) check('cmd', after.cmd === before.cmd, 'CMD');
  if (before.entrypoint !== null) check('entrypoint', after.entrypoint === before.entrypoint, 'ENTRYPOINT');
  check(
    'expose',
    before.expose.every((e) => after.expose.includes(e)),
    'EXPOSE',
  );
  if (before.user !== null) check('user', after.user === before.user, 'USER');
  for (const [k, v] of Object.entries(before.env)) check('env', after.env[k] === v, `ENV ${k}`);
  for (const [k, v] of Object.entries(before.labels)) check('labels', after.labels[k] === v, `LABEL ${k}`);
  if (before.healthcheck !== null)
    check('healthcheck', after.healthcheck === before.healthcheck, 'HEALTHCHECK');
  if (before.workdir !== null) check('workdir', after.workdir === before.workdir, 'WORKDIR');
  if (before.stopsignal !== null) check('stopsignal', after.stopsignal === before.stopsignal, 'STOPSIGNAL');
  check(
    'volumes',
    before.volumes.every((v) => after.volumes.includes(v)),
    'VOLUME',
  );
  return out;
}
