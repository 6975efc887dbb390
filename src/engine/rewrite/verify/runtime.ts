// Invariant "runtime" (relational: the user's Dockerfile against the rewrite): the program gets
// what it got before.
// - the promises of the final image (CMD, ENTRYPOINT, ENV, USER, WORKDIR, EXPOSE, ...: promises.ts);
// - variables the base image sets, where the new base sets them differently (.NET 6/7 sdk images
//   unset ASPNETCORE_URLS, the aspnet/runtime images set http://+:80): repaired with an ENV line;
// - the runtime's version: node:latest → node:lts-* may change the major version (a caveat);
// - dependencies: packages installed by name in the final image (apt install x, npm i x,
//   composer require x) stay installed, and tools the entrypoint may call stay on PATH.
import type { DockerfileModel, Stage } from '../../model';
import { OS_MANAGERS, ecosystemOfManager } from '../../ecosystems';
import { brokenPromises, extractPromises, type PromiseKey, type Promises } from '../../promises';
import type { Problem } from './types';
import { type BaseFacts, baseFacts, chainOf, effectsOf, finalStageOf, isCopy } from './facts';

/**
 * Variables the .NET images set, per major. Source: dotnet/dotnet-docker src/runtime-deps/6.0/
 * bookworm-slim/amd64/Dockerfile (ASPNETCORE_URLS=http://+:80) and src/sdk/6.0/bookworm-slim/amd64/
 * Dockerfile ("Unset ASPNETCORE_URLS from aspnet base image": ASPNETCORE_URLS=); 7.0 the same.
 */
function baseEnv(b: BaseFacts): Record<string, string> {
  const m = /dotnet\/(sdk|aspnet|runtime|runtime-deps)$/.exec(b.repo);
  const major = Number(/^(\d+)/.exec(b.tag ?? '')?.[1] ?? NaN);
  if (!m || !(major >= 5 && major <= 7)) return {};
  return { ASPNETCORE_URLS: m[1] === 'sdk' ? '' : 'http://+:80' };
}

/** Packages whose job ends with the build: leaving them out of the final image is the point. */
const BUILD_ONLY =
  /^(build-essential|build-base|git|composer|gcc|g\+\+|cpp|make|cmake|clang|llvm|pkg-?config|autoconf|automake|libtool|binutils|patch|bison|flex|nasm|yasm|ninja(-build)?|musl-dev|linux-headers|libc6?-dev|.*-dev|.*-devel|python3?-pip|python3?-venv|golang.*|rustc|cargo|maven|gradle|openjdk-\d+-jdk.*|nodejs-dev|gnupg2?|dirmngr|software-properties-common|apt-transport-https|lsb-release|xz-utils|unzip|zip|\.build-deps.*)$/;

/** Tools an entrypoint script commonly calls; their loss matters when the script is not visible. */
const SCRIPT_TOOLS =
  /^(composer|git|curl|wget|bash|su-exec|gosu|tini|dumb-init|netcat.*|nc|jq|gettext|envsubst|postgresql-client|default-mysql-client|mysql-client|mariadb-client|redis-tools|php|nodejs|python3?|rsync|openssh-client|sqlite3|imagemagick|ffmpeg)$/;

/** Packages the final image receives by name, from its chain and from stages it copies from. */
function shippedPackages(model: DockerfileModel): Map<string, string> {
  const final = finalStageOf(model);
  const out = new Map<string, string>();
  if (!final) return out;
  const stages = new Set<Stage>(chainOf(model, final));
  for (const s of [...stages])
    for (const i of s.instructions)
      if (isCopy(i) && i.from && 'stage' in i.from && model.stages[i.from.stage])
        for (const x of chainOf(model, model.stages[i.from.stage])) stages.add(x);
  for (const s of stages) {
    const os = chainOf(model, final).includes(s);
    for (const e of effectsOf(s)) {
      if (e.kind !== 'package-install' || e.fromManifest) continue;
      const osManager = OS_MANAGERS.has(e.manager);
      if (osManager && !os) continue; // OS packages of a build stage do not ship
      const family = osManager ? 'os' : (ecosystemOfManager(e.manager)?.id ?? e.manager);
      for (const p of e.packages) if (!p.name.startsWith('-')) out.set(`${family}:${p.name}`, p.name);
    }
    for (const i of s.instructions)
      if (os && isCopy(i) && i.from && 'image' in i.from)
        for (const src of i.sources) {
          const m = /\/bin\/([\w.-]+)$/.exec(src);
          if (m) out.set(`os:${m[1]}`, m[1]);
        }
  }
  return out;
}

/** The program the container starts is a script whose commands cannot be seen. */
function entrypointScript(model: DockerfileModel): string | null {
  const final = finalStageOf(model);
  if (!final) return null;
  const all = chainOf(model, final).flatMap((s) => s.instructions);
  for (const kw of ['ENTRYPOINT', 'CMD']) {
    const i = [...all].reverse().find((x) => x.keyword === kw);
    if (!i) continue;
    const words = i.form === 'json' ? (i.json ?? []) : i.argsAfterFlags.trim().split(/\s+/);
    const script = words.find((w) => /\.(sh|bash)$/.test(w) || /entrypoint|docker-/.test(w));
    if (script) return script;
  }
  return null;
}

/** Words of CMD, ENTRYPOINT and HEALTHCHECK of the final image. */
function startWords(model: DockerfileModel): Set<string> {
  const final = finalStageOf(model);
  const out = new Set<string>();
  if (!final) return out;
  for (const s of chainOf(model, final))
    for (const i of s.instructions)
      if (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' || i.keyword === 'HEALTHCHECK')
        for (const w of i.argsText.split(/[\s"',[\]]+/)) if (w) out.add(w.slice(w.lastIndexOf('/') + 1));
  return out;
}

/**
 * What each side of the comparison offers, once per model: the user's Dockerfile is compared
 * with every text a rewrite measures.
 */
interface Offer {
  promises: Promises;
  packages: Map<string, string>;
}
const offers = new WeakMap<DockerfileModel, Offer>();

function offerOf(model: DockerfileModel): Offer {
  let offer = offers.get(model);
  if (!offer) {
    offer = { promises: extractPromises(model), packages: shippedPackages(model) };
    offers.set(model, offer);
  }
  return offer;
}

export function runtimeProblems(
  original: DockerfileModel,
  after: DockerfileModel,
  allow: ReadonlySet<PromiseKey>,
): Problem[] {
  const out: Problem[] = [];
  const was = offerOf(original);
  const now = offerOf(after);
  for (const what of brokenPromises(was.promises, now.promises, allow))
    out.push({
      invariant: 'runtime',
      key: `runtime:promise:${what}`,
      message: `The final image would no longer keep its ${what} as written: whoever runs it gets a different container.`,
    });
  const f0 = finalStageOf(original);
  const f1 = finalStageOf(after);
  if (!f0 || !f1) return out;
  const b0 = baseFacts(original, f0);
  const b1 = baseFacts(after, f1);
  if (b0.reference !== b1.reference) out.push(...baseChangeProblems(after, f1, b0, b1));
  const script = entrypointScript(after);
  const started = startWords(original);
  for (const [key, name] of was.packages) {
    if (now.packages.has(key)) continue;
    const called = started.has(name) || (script !== null && SCRIPT_TOOLS.test(name));
    if (BUILD_ONLY.test(name) && !called) continue;
    out.push({
      invariant: 'runtime',
      key: `runtime:dep:${key}`,
      message:
        called && script
          ? `${name} would no longer be in the final image, and the entrypoint script ${script} may call it.`
          : `${name}, installed in the final image of the original, would no longer be installed: the program may need it at run time.`,
    });
  }
  return out;
}

function baseChangeProblems(after: DockerfileModel, final: Stage, b0: BaseFacts, b1: BaseFacts): Problem[] {
  const out: Problem[] = [];
  const e0 = baseEnv(b0);
  const e1 = baseEnv(b1);
  const userSet = new Set(
    Object.keys(final.env ?? {}).filter((k) =>
      chainOf(after, final).some((s) =>
        s.instructions.some((i) => i.keyword === 'ENV' && i.argsText.includes(k)),
      ),
    ),
  );
  for (const k of new Set([...Object.keys(e0), ...Object.keys(e1)])) {
    if (userSet.has(k) || (e0[k] ?? null) === (e1[k] ?? null) || e0[k] === undefined) continue;
    const line = `ENV ${k}=${e0[k] === '' ? '""' : e0[k]}`;
    out.push({
      invariant: 'runtime',
      key: `runtime:base-env:${k}`,
      message: `${b1.reference} sets ${k}=${e1[k] ?? '(unset)'} where ${b0.reference} had ${k}=${e0[k] || '(empty)'}: the program would listen elsewhere.`,
      repair: {
        note: `Added "${line}" so the program sees the value it had on ${b0.reference}.`,
        edits: [{ start: final.from.span.end, end: final.from.span.end, text: `\n${line}` }],
      },
    });
  }
  const r0 = b0.entry?.runtime;
  const r1 = b1.entry?.runtime;
  const floating = (t: string | null) => t === null || /^(latest|current)(-|$)/.test(t);
  if (r0 && r1 && r0.name === r1.name) {
    const m0 = r0.version.split('.')[0];
    const m1 = r1.version.split('.')[0];
    if (m0 !== m1 || (floating(b0.tag) && !floating(b1.tag)))
      out.push({
        invariant: 'runtime',
        key: `runtime:version:${r0.name}`,
        message: `${b0.reference} and ${b1.reference} may run different ${r0.name} major versions.`,
        repair: {
          note: 'Named the runtime version change in a caveat.',
          caveat: `${b0.reference} ${floating(b0.tag) ? 'follows the newest release' : `is ${r0.name} ${r0.version}`}; ${b1.reference} is ${r0.name} ${r1.version}${m0 !== m1 ? ', another major version' : ''}: check that the program supports it, or pin the same major.`,
        },
      });
  }
  return out;
}
