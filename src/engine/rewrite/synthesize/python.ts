// Python (pip, poetry, uv): the original image installs the dependencies into a virtual
// environment (/opt/venv) with its compilers and -dev headers; the runtime is python:<v>-slim (or
// the same alpine) with the venv, the app folder and only the runtime libraries (libpq5, not
// libpq-dev).
import type { ShellCommand } from '../../model';
import {
  argEnvLines,
  assetCopies,
  buildDirs,
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
  positional,
  preamble,
  programName,
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

function pipArgs(cmd: ShellCommand): string[] | null {
  const p = programName(cmd);
  if (/^pip(3(\.\d+)?)?$/.test(p)) return cmd.args;
  if (/^python(3(\.\d+)?)?$/.test(p) && cmd.args[0] === '-m' && /^pip3?$/.test(cmd.args[1] ?? ''))
    return cmd.args.slice(2);
  return null;
}

function toolOf(cmd: ShellCommand): PyTool | null {
  const pa = pipArgs(cmd);
  if (pa && pa[0] === 'install') return 'pip';
  const p = programName(cmd);
  if (p === 'poetry' && cmd.args[0] === 'install') return 'poetry';
  if (p === 'uv' && (cmd.args[0] === 'sync' || (cmd.args[0] === 'pip' && cmd.args[1] === 'install')))
    return 'uv';
  return null;
}

/** Installs that need only the manifests (not the sources): movable before `COPY . .`. */
function isManifestInstall(cmd: ShellCommand): boolean {
  const pa = pipArgs(cmd);
  if (pa && pa[0] === 'install') {
    const pos = positional(pa.slice(1));
    // `pip install -r requirements.txt`, `pip install --upgrade pip setuptools`: no local paths.
    return (
      !pa.includes('-e') &&
      !pos.some(
        (a) =>
          a === '.' ||
          a.startsWith('./') ||
          a.startsWith('/') ||
          (a.endsWith('.txt') === false && a.includes('/')),
      )
    );
  }
  const p = programName(cmd);
  if (p === 'poetry') return cmd.args[0] === 'install' && cmd.args.includes('--no-root');
  if (p === 'uv') return cmd.args[0] === 'sync' && cmd.args.includes('--no-install-project');
  return false;
}

/** The requirement files the installs read, and pyproject + lock for poetry/uv. */
function installManifests(installs: StageFacts['commands'], tools: ReadonlySet<PyTool>): string[] {
  const manifests: string[] = [];
  for (const { cmd } of installs) {
    const pa = pipArgs(cmd);
    if (pa) {
      pa.forEach((a, k) => {
        if ((a === '-r' || a === '--requirement' || a === '-c') && pa[k + 1] && !pa[k + 1].includes('$'))
          manifests.push(pa[k + 1]);
        else if (/^--requirement=/.test(a)) manifests.push(a.split('=')[1]);
      });
    }
  }
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
    isInstall: isManifestInstall,
    mapCommand: (cmd) => {
      const pa = pipArgs(cmd);
      if (!pa || pa[0] !== 'install' || pa.includes('--no-cache-dir')) return undefined;
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
  const bypass = facts.commands.find(
    (c) =>
      /^\/.*\/(python|pip)[\d.]*$/.test(c.cmd.name) && /\b(install|develop)\b/.test(c.cmd.args.join(' ')),
  );
  if (bypass)
    return `the RUN at line ${bypass.run.span.line} installs with \`${bypass.cmd.text.trim()}\`, a Python named by its path: the install bypasses the virtual environment the final stage receives.`;
  return unknownRunReason(
    facts,
    (c) => toolOf(c) !== null || /^(python3?(\.\d+)?|pip3?|poetry|uv)$/.test(programName(c)),
  );
}

/**
 * The installs to move into a venv, or null when the stage is not one to restructure: installs
 * aimed elsewhere than the environment (--user, --prefix, --target, --system) or a
 * pipenv/conda/venv setup are too custom to move into a venv safely.
 */
function venvInstalls(facts: StageFacts): StageFacts['commands'] | null {
  const installs = facts.commands.filter((c) => toolOf(c.cmd) !== null);
  if (!installs.length) return null;
  if (
    installs.some((c) =>
      c.cmd.args.some((a) => /^--(user|prefix|target|system|root)\b/.test(a) || a === '-t'),
    )
  )
    return null;
  if (
    facts.commands.some(
      (c) => ['pipenv', 'conda', 'virtualenv'].includes(programName(c.cmd)) || /\bvenv\b/.test(c.cmd.text),
    )
  )
    return null;
  return installs;
}

export function synthesizePython(facts: StageFacts): SynthesisResult | null {
  if (facts.image.name !== 'python') return null;
  const installs = venvInstalls(facts);
  if (!installs) return null;
  if (isSlimTag(facts.image.tag) && osPackages(facts).dropped.length === 0) return null;
  const tools = new Set(installs.map((c) => toolOf(c.cmd)!));
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
