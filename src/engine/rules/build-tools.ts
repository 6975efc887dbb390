// build-tools: compilers and -dev headers installed in a stage that ships.
import type { Stage } from '../model';
import type { Rule } from './types';
import { DOCS } from './refs';
import { effects, installs, perRun, stageLabel } from './util';

const TOOLS =
  /^(build-essential|gcc|g\+\+|gcc-c\+\+|clang|llvm|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|musl-dev|linux-headers|alpine-sdk|gfortran|cargo|rustc|golang|golang-go|go|openjdk-\d+-jdk(-headless)?|maven|gradle|[\w.+-]+-dev|[\w.+-]+-devel)$/;

/** Build helpers: they drive a build but are no compiler (`make` alone is no toolchain). */
const HELPERS = /^(make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|maven|gradle)$/;
const HEADERS = /^(musl-dev|linux-headers|[\w.+-]+-dev|[\w.+-]+-devel)$/;
/** The command a package provides, where it differs from the package name. */
const COMMAND_OF: Record<string, string> = {
  maven: 'mvn',
  golang: 'go',
  'golang-go': 'go',
  'gcc-c++': 'g++',
};

/** What the listed packages are, in words that hold for each of them. */
function kinds(tools: string[]): string {
  const out: string[] = [];
  if (tools.some((t) => !HELPERS.test(t) && !HEADERS.test(t))) out.push('compilers');
  if (tools.some((t) => HEADERS.test(t))) out.push('headers');
  if (tools.some((t) => HELPERS.test(t))) out.push('build tools');
  return out.join(', ');
}

/** Programs the running container starts: CMD, ENTRYPOINT and HEALTHCHECK (through `sh -c`). */
function startedPrograms(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const i of stage.instructions) {
    if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT' && i.keyword !== 'HEALTHCHECK') continue;
    const text = i.form === 'json' && i.json ? i.json.join(' ') : i.argsAfterFlags;
    // Every word that starts a command: the first, and those after a shell operator or `-c`.
    for (const m of text.matchAll(/(?:^|&&|\|\||;|\||-c\s+["']?|\bCMD\s+|exec\s+)\s*([\w./+-]+)/g))
      out.add(m[1].slice(m[1].lastIndexOf('/') + 1));
  }
  return out;
}

/** The runtime library that usually replaces a -dev package (for the message). */
function runtimeOf(name: string): string | null {
  const known: Record<string, string> = {
    'libpq-dev': 'libpq5',
    'libssl-dev': 'libssl3',
    'libffi-dev': 'libffi8',
    'libxml2-dev': 'libxml2',
    'libjpeg-dev': 'libjpeg62-turbo',
    'default-libmysqlclient-dev': 'libmariadb3',
    'postgresql-dev': 'libpq',
  };
  return known[name] ?? null;
}

export const rule: Rule = {
  meta: {
    id: 'build-tools',
    technique: 'build-tools',
    severity: 'warning',
    title: 'Keep compilers and -dev headers out of the final image',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.multiStage, DOCS.bestPractices],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports OS packages that only serve building — `build-essential`, `gcc`, `g++`, `make`, `cmake`, `*-dev` / `*-devel` headers, `musl-dev` — installed in a stage that ships and not removed in the same RUN.',
    whyItMatters:
      'A C toolchain with headers easily adds 200–400 MB, and compilers in a production image are a gift to an attacker. They are needed to build native extensions (Python wheels, node-gyp modules, gems), not to run them. Build in a separate stage and copy the result, or install, build and purge in one RUN. At run time only the shared libraries are needed: `libpq5` instead of `libpq-dev`.',
    before: String.raw`FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 && rm -rf /var/lib/apt/lists/*
`,
    after: String.raw`FROM python:3.12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 && rm -rf /var/lib/apt/lists/*

FROM python:3.12-slim
`,
    fixSafety:
      'Reported, not fixed: what must move to a builder stage (a virtualenv, compiled wheels, a binary) depends on the project; the multi-stage rewrite handles the common ecosystems.',
    whenNotToUse:
      'Images that compile at run time (a CI runner, a JIT that needs headers), and `apk add --virtual .build-deps ... && apk del .build-deps` in one RUN (not reported: the tools are gone before the layer is written).',
  },
  check({ model }) {
    return perRun(
      model,
      (run, stage) => {
        const removed = new Set(effects(run, 'package-remove').flatMap((e) => e.packages.map((p) => p.name)));
        const removedVirtual = new Set(
          effects(run, 'package-remove').flatMap((e) => e.packages.map((p) => p.name)),
        );
        const tools: string[] = [];
        for (const e of installs(run, ['apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'])) {
          if (e.virtualName && removedVirtual.has(e.virtualName)) continue;
          for (const p of e.packages) if (TOOLS.test(p.name) && !removed.has(p.name)) tools.push(p.name);
        }
        // A tool the container itself starts (`CMD ["make", "run"]`) is needed at run time.
        const started = startedPrograms(stage);
        tools.splice(0, tools.length, ...tools.filter((t) => !started.has(COMMAND_OF[t] ?? t)));
        if (tools.length === 0) return null;
        const what = kinds(tools);
        const runtime = tools.map(runtimeOf).filter((x): x is string => !!x);
        return {
          span: run.span,
          message: `${tools.slice(0, 4).join(', ')}${tools.length > 4 ? ` and ${tools.length - 4} more` : ''} ${tools.length === 1 ? 'is' : 'are'} ${what === 'build tools' ? `${tools.length === 1 ? 'a build tool' : 'build tools'} only needed to build` : `only needed to build (${what})`}, yet installed in ${stageLabel(stage)}, which ships; build in a separate stage${runtime.length ? ` and install only the runtime libraries (${runtime.join(', ')})` : ''}.`,
        };
      },
      { shipped: true },
    );
  },
};
