// Python (pip, poetry, uv): the original image installs the dependencies into a virtual
// environment (/opt/venv) with its compilers and -dev headers; the runtime is python:<v>-slim (or
// the same alpine) with the venv, the app folder and only the runtime libraries (libpq5, not
// libpq-dev).
import type { Effect } from '../model';
import { effectsAt, effectsOf, findEffect, type EffectOf } from './command-effects';
import {
  argEnvLines,
  assetCopies,
  builderStage,
  carriedRunLines,
  copiesWholeContext,
  debianRelease,
  healthcheckTool,
  isAlpineTag,
  isSlimTag,
  joinLines,
  labelLines,
  majorMinor,
  osInstallLine,
  osPackages,
  preamble,
  rawOf,
  resolvePath,
  runtimeTail,
  tagVersion,
  unknownRunReason,
  workdirs,
  type StageFacts,
  type SynthesisResult,
} from './common';

const VENV = '/opt/venv';

type PyTool = 'pip' | 'poetry' | 'uv';

type Install = EffectOf<'package-install'>;

/** An install the venv takes: `pip install`, `poetry install`, `uv sync`, `uv pip install`. */
function venvInstall(effects: readonly Effect[]): (Install & { manager: PyTool }) | undefined {
  return findEffect(
    effects,
    'package-install',
    (e) =>
      (e.manager === 'pip' && e.verb === 'install') ||
      (e.manager === 'poetry' && e.verb === 'install') ||
      (e.manager === 'uv' && (e.verb === 'sync' || e.verb === 'install')),
  ) as (Install & { manager: PyTool }) | undefined;
}

/** A word naming a path (`.`, `./pkg`, `/abs`, `git+https://…`) rather than a registry package or a requirements file. */
const namesPath = (a: string) =>
  a === '.' || a.startsWith('./') || a.startsWith('/') || (!a.endsWith('.txt') && a.includes('/'));

/** Installs that need only the manifests (not the sources): movable before `COPY . .`. */
function isManifestInstall(effects: readonly Effect[]): boolean {
  const e = venvInstall(effects);
  if (!e) return false;
  // `pip install -r requirements.txt`, `pip install --upgrade pip setuptools`: no local paths.
  if (e.manager === 'pip')
    return (
      !e.flags.includes('-e') &&
      ![...(e.requirements ?? []), ...(e.local ?? []), ...e.packages.map((p) => p.raw)].some(namesPath)
    );
  if (e.manager === 'poetry') return e.flags.includes('--no-root');
  return e.verb === 'sync' && e.flags.includes('--no-install-project');
}

/** The requirement files the installs read, and pyproject + lock for poetry/uv. */
function installManifests(installs: Install[], tools: ReadonlySet<PyTool>): string[] {
  const manifests: string[] = installs.flatMap((e) =>
    e.manager === 'pip' ? (e.requirements ?? []).filter((r) => !r.includes('$')) : [],
  );
  if (tools.has('poetry')) manifests.push('pyproject.toml', 'poetry.lock*');
  if (tools.has('uv')) manifests.push('pyproject.toml', 'uv.lock*');
  return [...new Set(manifests)].filter((m) => !m.startsWith('/') && !m.includes('..'));
}

/** The build stage: the original stage with a venv made right after FROM, manifests first. */
function venvBuilder(facts: StageFacts, tools: ReadonlySet<PyTool>, manifests: string[]): string[] {
  const head = [
    `ENV VIRTUAL_ENV=${VENV} PATH="${VENV}/bin:$PATH"${tools.has('uv') ? ` UV_PROJECT_ENVIRONMENT=${VENV}` : ''}`,
    `RUN python -m venv ${VENV}`,
  ];
  const b = builderStage(facts, {
    name: 'build',
    image: facts.builderRef,
    manifests: manifests.length ? manifests : null,
    isInstall: (cmd) => isManifestInstall(effectsOf(facts.stage, cmd)),
    mapCommand: (cmd) => {
      const e = venvInstall(effectsOf(facts.stage, cmd));
      if (e?.manager !== 'pip' || e.flags.includes('--no-cache-dir')) return undefined;
      return cmd.text.replace(/\binstall\b/, 'install --no-cache-dir');
    },
  });
  // The venv comes right after FROM, before anything installs into it.
  return [b.lines[0], ...head, ...b.lines.slice(1)];
}

/** The runtime image: the original when already slim, else python:<major.minor>-slim (or alpine). */
function runtimeImage(facts: StageFacts): { image: string; alpine: boolean } {
  const version = tagVersion(facts.image.tag);
  const alpine = isAlpineTag(facts.image.tag);
  const release = debianRelease(facts.image.tag);
  const v = majorMinor(version) ?? '3';
  const image = isSlimTag(facts.image.tag)
    ? facts.baseRef
    : `${facts.image.prefix}python:${v}-${alpine ? 'alpine' : 'slim'}${release && !alpine ? `-${release}` : ''}`;
  return { image, alpine };
}

/** The final stage: the slim image, the venv, the app folder and the runtime libraries. */
function runtimeStage(
  facts: StageFacts,
  runtime: { image: string; alpine: boolean },
  appDir: string,
): string[] {
  const os = osPackages(facts);
  const rt: string[] = [`FROM ${runtime.image}`];
  rt.push(...argEnvLines(facts.stage));
  rt.push(`ENV VIRTUAL_ENV=${VENV} PATH="${VENV}/bin:$PATH"`);
  rt.push(...labelLines(facts.stage));
  const mgr = runtime.alpine ? 'apk' : 'apt';
  const hc = healthcheckTool(facts.stage);
  const pk = [
    ...(os.manager === mgr ? os.runtime : []),
    ...(hc === 'curl' || (hc === 'wget' && !runtime.alpine) ? [hc] : []),
  ];
  const osLine = osInstallLine(mgr, [...new Set(pk)]);
  if (osLine) rt.push(osLine);
  if (facts.workdir) rt.push(`WORKDIR ${facts.workdir}`);
  rt.push(`COPY --from=build ${VENV} ${VENV}`);
  rt.push(`COPY --from=build ${appDir} ${appDir}`);
  rt.push(...assetCopies(facts, [appDir, VENV], false));
  rt.push(...carriedRunLines(facts, rt));
  rt.push(...runtimeTail(facts.stage, { user: facts.user ? rawOf(facts.user) : null }));
  return rt;
}

function runtimeCaveats(facts: StageFacts, runtime: string, mgr: 'apk' | 'apt'): string[] {
  const os = osPackages(facts);
  const caveats: string[] = [];
  if (!isSlimTag(facts.image.tag))
    caveats.push(
      `${runtime} has no compilers and fewer system libraries than ${facts.baseRef}: wheels built in the build stage are copied, but a package that loads a system library at run time needs that library installed in the final stage.`,
    );
  if (os.dropped.length)
    caveats.push(`Build-only packages (${os.dropped.join(', ')}) stay in the build stage.`);
  if (os.unmapped.length)
    caveats.push(
      `Runtime libraries for ${os.unmapped.join(', ')} are not known: add them to the final stage if the app loads them.`,
    );
  if (os.manager && os.manager !== mgr && os.runtime.length)
    caveats.push(
      `The OS packages ${os.runtime.join(', ')} were installed with ${os.manager}; install their equivalents in the final stage.`,
    );
  caveats.push(
    `Dependencies now live in a virtual environment at ${VENV} (first on PATH); scripts that call a Python by absolute path (/usr/local/bin/python) bypass it.`,
  );
  if (!facts.user)
    caveats.push(
      'The app still runs as root: add an unprivileged user (the non-root step) unless it must bind ports below 1024.',
    );
  return caveats;
}

/**
 * Refusal: a RUN the synthesis does not understand (`make install`, a download) would run in the
 * build stage only, and what it installs outside the venv and the app folder would be lost. An
 * install by a Python named by its absolute path bypasses the venv the same way.
 */
function withheldReason(facts: StageFacts): string | null {
  const bypass = facts.commands.find((c) =>
    effectsAt(c.run, c.index).some(
      (e) =>
        e.kind === 'tool-run' &&
        /^\/.*\/(python|pip)[\d.]*$/.test(e.path ?? '') &&
        /\b(install|develop)\b/.test(e.args.join(' ')),
    ),
  );
  if (bypass)
    return `the RUN at line ${bypass.run.span.line} installs with \`${bypass.cmd.text.trim()}\`, a Python named by its path: the install bypasses the virtual environment the final stage receives.`;
  return unknownRunReason(facts, (_c, effects) => runsPython(effects));
}

/** Python's own programs ran (python, pip, poetry, uv…). */
const runsPython = (effects: readonly Effect[]) =>
  effects.some((e) => e.kind === 'tool-run' && e.ecosystem === 'python');

/** A virtual environment or another installer's environment (pipenv, conda) set up by hand. */
function ownEnvironment(effects: readonly Effect[]): boolean {
  return effects.some(
    (e) =>
      e.kind === 'venv' ||
      (e.kind === 'tool-run' &&
        e.ecosystem === 'python' &&
        (e.tool === 'pipenv' ||
          e.tool === 'conda' ||
          (e.tool === 'uv' && e.args[0] === 'venv') ||
          /\bvenv\b/.test(e.path ?? ''))),
  );
}

/**
 * The installs to move into a venv, or null when the stage is not one to restructure: installs
 * aimed elsewhere than the environment (--user, --prefix, --target, --system) or a
 * pipenv/conda/venv setup are too custom to move into a venv safely.
 */
function venvInstalls(facts: StageFacts): Install[] | null {
  const effects = facts.commands.map((c) => effectsAt(c.run, c.index));
  const installs = effects.flatMap((es) => venvInstall(es) ?? []);
  if (!installs.length) return null;
  if (
    installs.some(
      (e) =>
        (e.destination && e.destination.kind !== 'in-project') || e.flags.some((f) => /^--system\b/.test(f)),
    )
  )
    return null;
  if (effects.some(ownEnvironment)) return null;
  return installs;
}

export function synthesizePython(facts: StageFacts): SynthesisResult | null {
  if (facts.image.name !== 'python') return null;
  const installs = venvInstalls(facts);
  if (!installs) return null;
  if (isSlimTag(facts.image.tag) && osPackages(facts).dropped.length === 0) return null;
  const tools = new Set(installs.map((e) => e.manager as PyTool));
  const wd = workdirs(facts.stage);
  const whole = facts.copies.find((c) => copiesWholeContext(c));
  // The app folder is where the whole context goes; without such a COPY the files are scattered
  // (downloaded, copied piecemeal) and copying one folder would lose some of them.
  if (!whole) return null;
  const appDir = resolvePath(wd.get(whole) ?? null, whole.destination);
  if (appDir === '/') return null;

  const builder = venvBuilder(facts, tools, installManifests(installs, tools));
  const runtime = runtimeImage(facts);
  const rt = runtimeStage(facts, runtime, appDir);
  const caveats = runtimeCaveats(facts, runtime.image, runtime.alpine ? 'apk' : 'apt');
  const withheld = withheldReason(facts);
  const text = joinLines([...preamble(facts.model), ...builder, '', ...rt]);
  const explanation = `A build stage on ${facts.baseRef} creates a virtual environment in ${VENV} and installs the dependencies there (manifests first, so the layer stays cached while the sources change; --no-cache-dir), with compilers and -dev headers available. The final stage on ${runtime.image} receives the venv and ${appDir} only, plus the runtime libraries: compilers, headers and pip caches stay behind.`;
  return { text, ecosystem: 'python', caveats, explanation, ...(withheld ? { withheld } : {}) };
}
