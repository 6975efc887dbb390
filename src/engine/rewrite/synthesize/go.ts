// Go: the original golang image builds a static binary (CGO_ENABLED=0, -ldflags="-s -w") after
// downloading the modules from go.mod/go.sum alone; the runtime is distroless static (nonroot),
// or a small image with a shell when the final stage needs one.
import type { RunInstruction, ShellCommand } from '../../model';
import {
  argEnvLines,
  assetCopies,
  buildDirs,
  basename,
  builderOnlyCaveat,
  builderStage,
  carriedRunLines,
  carriedRuns,
  commandText,
  debianRelease,
  alpineRelease,
  execFormLine,
  healthcheckTool,
  isAlpineTag,
  joinLines,
  labelLines,
  needsShell,
  osInstallLine,
  osPackages,
  preamble,
  programName,
  rawOf,
  resolvePath,
  workdirs,
  type StageFacts,
  type SynthesisResult,
} from './common';

function isGoBuild(cmd: ShellCommand): boolean {
  return programName(cmd) === 'go' && (cmd.args[0] === 'build' || cmd.args[0] === 'install');
}

/** The value of `-o X` / `-o=X`. */
function outputFlag(args: string[]): string | null {
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '-o' && args[k + 1]) return args[k + 1];
    if (args[k].startsWith('-o=')) return args[k].slice(3);
  }
  return null;
}

const PATH_DIRS = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin'];

export function synthesizeGo(facts: StageFacts): SynthesisResult | null {
  if (facts.image.name !== 'golang') return null;
  const builds = facts.commands.filter((c) => isGoBuild(c.cmd));
  if (!builds.length) return null;
  const words = facts.runWords;
  if (!words || !words.length) return null;
  const program = words[0];
  if (program === 'go' || /\$/.test(program)) return null;
  const wd = workdirs(facts.stage);
  const finalWd = facts.workdir ?? '/go';

  // The build that makes the program the container runs.
  let target: { run: RunInstruction; cmd: ShellCommand; output: string; addO: boolean } | null = null;
  const progBase = basename(program);
  for (const b of builds) {
    const dir = wd.get(b.run) ?? '/go';
    const cmds = b.run.shell.commands;
    if (cmds.slice(0, b.index).some((c) => programName(c) === 'cd')) continue;
    if (b.cmd.args[0] === 'install') {
      target = { run: b.run, cmd: b.cmd, output: `/go/bin/${progBase}`, addO: false };
      continue;
    }
    const o = outputFlag(b.cmd.args);
    if (o) {
      const out = resolvePath(dir, o.endsWith('/') ? o + progBase : o);
      if (basename(out) === progBase) target = { run: b.run, cmd: b.cmd, output: out, addO: false };
    } else {
      // No -o: name the output after what CMD runs (the default name is the module's, unknown here).
      const out = program.includes('/') ? resolvePath(finalWd, program) : resolvePath(dir, progBase);
      target = { run: b.run, cmd: b.cmd, output: out, addO: true };
    }
  }
  if (!target) return null;
  const t = target;

  const stageEnv = facts.stage.env ?? {};
  const cgo = (t.cmd.env.CGO_ENABLED ?? stageEnv.CGO_ENABLED) === '1';
  const vendor = t.cmd.args.some((a) => a.includes('-mod=vendor'));
  const mapCommand = (cmd: ShellCommand): string | undefined => {
    if (cmd !== t.cmd) return undefined;
    const env = { ...cmd.env };
    if (!('CGO_ENABLED' in env) && !('CGO_ENABLED' in stageEnv)) env.CGO_ENABLED = '0';
    const args = [...cmd.args];
    const rest = args.slice(1);
    const extra: string[] = [];
    if (!rest.some((a) => a.startsWith('-ldflags'))) extra.push('-ldflags=-s -w');
    if (t.addO) extra.push('-o', t.output);
    return commandText(env, cmd.name, [args[0], ...extra, ...rest]).replace(
      "-ldflags='-s -w'",
      '-ldflags="-s -w"',
    );
  };

  const b = builderStage(facts, {
    name: 'build',
    image: facts.builderRef,
    manifests: vendor ? null : ['go.mod', 'go.sum*'],
    // The user's own `go mod download` after the whole-context COPY moves up with the manifests;
    // without one, it is added there.
    isInstall: (cmd) => cmd.name === 'go' && cmd.args[0] === 'mod' && cmd.args[1] === 'download',
    prefetch: ['go mod download'],
    mapCommand,
  });

  // Runtime choice.
  const os = osPackages(facts);
  const carried = carriedRuns(facts);
  const namedUser =
    facts.user && !/^(root|0|nonroot|65532)(:|$)/.test(facts.user.argsAfterFlags.trim()) ? facts.user : null;
  const extraPackages = os.runtime.filter((p) => !/^(ca-certificates|tzdata|curl|wget)$/.test(p));
  const hc = healthcheckTool(facts.stage);
  const shell = needsShell(facts) || carried.length > 0 || extraPackages.length > 0 || namedUser !== null;
  const alpine = isAlpineTag(facts.image.tag);
  let runtime: string;
  const caveats: string[] = [];
  if (shell) {
    runtime = alpine
      ? `alpine:${alpineRelease(facts.image.tag) ?? '3.20'}`
      : `debian:${debianRelease(facts.image.tag) ?? 'bookworm'}-slim`;
    caveats.push(
      `The final stage keeps a shell (${runtime}) because it runs shell commands, installs packages or creates a user; without them gcr.io/distroless/static-debian12:nonroot would be smaller.`,
    );
  } else if (cgo) {
    runtime = 'gcr.io/distroless/base-debian12:nonroot';
    caveats.push(
      'CGO is enabled, so the binary links glibc dynamically: the runtime is distroless base (glibc), not static.',
    );
  } else {
    runtime = 'gcr.io/distroless/static-debian12:nonroot';
    caveats.push(
      'The binary is now static (CGO_ENABLED=0): packages that need cgo (e.g. mattn/go-sqlite3) stop working; set CGO_ENABLED=1 and use gcr.io/distroless/base-debian12 for them.',
      'distroless has no shell: `docker exec ... sh` is not available for debugging (use the :debug tag). `FROM scratch` plus /etc/ssl/certs/ca-certificates.crt copied from the builder is smaller still.',
    );
  }

  const rt: string[] = [`FROM ${runtime}`];
  rt.push(
    ...argEnvLines(facts.stage).filter(
      (l) => !/^ENV\s+(GOPATH|GOROOT|GO111MODULE|GOFLAGS|GOOS|GOARCH|CGO_ENABLED)\b/.test(l),
    ),
  );
  rt.push(...labelLines(facts.stage));
  if (shell) {
    const mgr = alpine ? 'apk' : 'apt';
    const pk = [...(os.manager === mgr ? os.runtime : []), 'ca-certificates'];
    if (hc === 'curl' || (hc === 'wget' && !alpine)) pk.push(hc);
    const line = osInstallLine(mgr, [...new Set(pk)]);
    if (line) rt.push(line);
  }
  rt.push(`WORKDIR ${finalWd}`);
  let dest = t.output;
  if (!program.includes('/') && !PATH_DIRS.includes(dirnameOf(t.output))) dest = `/usr/local/bin/${progBase}`;
  rt.push(`COPY --from=build ${t.output} ${dest}`);
  rt.push(
    ...assetCopies(
      facts,
      buildDirs(
        facts,
        builds.map((x) => x.run),
      ),
    ),
  );
  // Other files the image copied besides the sources (configs, templates, migrations) stay
  // available: copy what the original copied from outside the build stage's source tree.
  rt.push(...carriedRunLines(facts, rt, carried));
  const user = facts.user ? rawOf(facts.user) : shell ? null : 'USER nonroot:nonroot';
  const tail: string[] = [];
  let userDone = false;
  for (const i of facts.stage.instructions) {
    if (i.keyword === 'USER') continue;
    if (!['EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD'].includes(i.keyword)) continue;
    if (!userDone && user) {
      tail.push(user);
      userDone = true;
    }
    tail.push(
      shell ? rawOf(i) : i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' ? execFormLine(i) : rawOf(i),
    );
  }
  if (!userDone && user) tail.push(user);
  rt.push(...tail);

  const copiedOther = facts.copies.filter(
    (c) => c.from === null && !c.sources.some((s) => s === '.' || s === './'),
  );
  if (copiedOther.length)
    caveats.push(
      'Only the binary is copied into the final stage: if the program reads files from the build context at run time (templates, static assets, migrations), COPY them too.',
    );
  else
    caveats.push(
      'Only the binary is copied into the final stage: if the program reads files next to it at run time (templates, static assets, migrations), COPY them from the build stage too.',
    );
  caveats.push(...builderOnlyCaveat(unknownLines(facts)));
  if (!facts.user && !shell)
    caveats.push('The program now runs as the unprivileged `nonroot` user (uid 65532).');

  const text = joinLines([...preamble(facts.model), ...b.lines, '', ...rt]);
  const explanation = `A build stage on ${facts.baseRef} downloads the modules from go.mod/go.sum first (cached until they change), then builds ${cgo ? 'the binary' : 'a static binary (CGO_ENABLED=0)'} stripped of debug symbols (-ldflags="-s -w"). The final stage on ${runtime} holds only ${dest}: the Go toolchain, the module cache and the sources stay behind.`;
  return { text, ecosystem: 'go', caveats, explanation };
}

function dirnameOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function unknownLines(facts: StageFacts): number[] {
  const out: number[] = [];
  for (const { run, cmd } of facts.commands) {
    const p = programName(cmd);
    if (
      [
        'go',
        'apt-get',
        'apt',
        'apk',
        'rm',
        'mkdir',
        'cd',
        'cp',
        'mv',
        'chmod',
        'chown',
        'useradd',
        'adduser',
        'groupadd',
        'addgroup',
        'echo',
        'set',
        'true',
        'git',
        'make',
      ].includes(p)
    )
      continue;
    if (!out.includes(run.span.line)) out.push(run.span.line);
  }
  return out;
}
