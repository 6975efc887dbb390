// Go: the original golang image builds a static binary (CGO_ENABLED=0, -ldflags="-s -w") after
// downloading the modules from go.mod/go.sum alone; the runtime is distroless static (nonroot),
// or a small image with a shell when the final stage needs one.
import type { RunInstruction, ShellCommand } from '../model';
import {
  basename,
  builderOnlyCaveat,
  builderStage,
  carriedRuns,
  commandText,
  isAlpineTag,
  osPackages,
  programName,
  resolvePath,
  workdirs,
  type StageFacts,
  type SynthesisResult,
} from './common';
import {
  binaryStart,
  runtimeStageLines,
  keepsShell,
  nonrootCaveat,
  runtimePackages,
  shellImage,
  twoStageText,
} from './compiled-stage';

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

type GoCommand = StageFacts['commands'][number];

/** The build that makes the program: where its binary lands, and whether `-o` must say so. */
interface GoTarget {
  run: RunInstruction;
  cmd: ShellCommand;
  output: string;
  addO: boolean;
}

export function synthesizeGo(facts: StageFacts): SynthesisResult | null {
  const read = readGoStage(facts);
  if (!read) return null;
  const { program, builds, target: t } = read;
  const stageEnv = facts.stage.env ?? {};
  const cgo = cgoWanted(facts, t, stageEnv);
  const builder = goBuilder(facts, t, stageEnv, cgo);

  const carried = carriedRuns(facts);
  const alpine = isAlpineTag(facts.image.tag);
  // A cgo binary needs its libc (musl on Alpine) and the C libraries it links: an image of the
  // builder's family that can install them.
  const libs = cgo && runtimePackages(facts, alpine) !== '';
  const shell = keepsShell(facts, carried, namedUser(facts)) || (cgo && (alpine || libs));
  const { runtime, caveats } = goRuntime(facts.image.tag, alpine, shell, cgo);
  const dest = binaryDest(program, t.output);
  const rt = runtimeStageLines(facts, {
    image: runtime,
    toolchainEnv: /^ENV\s+(GOPATH|GOROOT|GO111MODULE|GOFLAGS|GOOS|GOARCH|CGO_ENABLED)\b/,
    packages: shell ? runtimePackages(facts, alpine, ['ca-certificates']) : '',
    workdir: facts.workdir ?? '/go',
    product: [`COPY --from=build ${t.output} ${dest}`],
    builds,
    carried,
    start: binaryStart(facts, !shell),
  });
  caveats.push(...binaryCaveats(facts, shell));

  const explanation = `A build stage on ${facts.baseRef} downloads the modules from go.mod/go.sum first (cached until they change), then builds ${cgo ? 'the binary' : 'a static binary (CGO_ENABLED=0)'} stripped of debug symbols (-ldflags="-s -w"). The final stage on ${runtime} holds only ${dest}: the Go toolchain, the module cache and the sources stay behind.`;
  return { text: twoStageText(facts, builder, rt), ecosystem: 'go', caveats, explanation };
}

/**
 * The original stage as the build stage: go.mod and go.sum copied and the modules downloaded
 * before the sources (unless they are vendored), the target build made small.
 */
function goBuilder(facts: StageFacts, t: GoTarget, stageEnv: Record<string, string>, cgo: boolean): string[] {
  const vendor = t.cmd.args.some((a) => a.includes('-mod=vendor'));
  return builderStage(facts, {
    name: 'build',
    image: facts.builderRef,
    manifests: vendor ? null : ['go.mod', 'go.sum*'],
    // The user's own `go mod download` after the whole-context COPY moves up with the manifests;
    // without one, it is added there.
    isInstall: (cmd) => cmd.name === 'go' && cmd.args[0] === 'mod' && cmd.args[1] === 'download',
    prefetch: ['go mod download'],
    mapCommand: (cmd) => (cmd === t.cmd ? smallBuild(t, stageEnv, cgo) : undefined),
  }).lines;
}

/** The program the container starts and the `go build`/`go install` that makes it, or null. */
function readGoStage(facts: StageFacts): { program: string; builds: GoCommand[]; target: GoTarget } | null {
  if (facts.image.name !== 'golang') return null;
  const builds = facts.commands.filter((c) => isGoBuild(c.cmd));
  if (!builds.length) return null;
  const words = facts.runWords;
  if (!words || !words.length) return null;
  const program = words[0];
  if (program === 'go' || /\$/.test(program)) return null;
  const target = buildTarget(facts, builds, program);
  return target ? { program, builds, target } : null;
}

/** The last build whose binary is the program (a build after a `cd` in its RUN is not followed). */
function buildTarget(facts: StageFacts, builds: GoCommand[], program: string): GoTarget | null {
  const wd = workdirs(facts.stage);
  const finalWd = facts.workdir ?? '/go';
  const progBase = basename(program);
  let target: GoTarget | null = null;
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
  return target;
}

/** The target build made static (CGO_ENABLED=0 unless the file sets it) and stripped, with -o when needed. */
function smallBuild(t: GoTarget, stageEnv: Record<string, string>, cgo: boolean): string {
  const cmd = t.cmd;
  const env = { ...cmd.env };
  if (!cgo && !('CGO_ENABLED' in env) && !('CGO_ENABLED' in stageEnv)) env.CGO_ENABLED = '0';
  const rest = cmd.args.slice(1);
  const extra: string[] = [];
  if (!rest.some((a) => a.startsWith('-ldflags'))) extra.push('-ldflags=-s -w');
  if (t.addO) extra.push('-o', t.output);
  return commandText(env, cmd.name, [cmd.args[0], ...extra, ...rest]).replace(
    "-ldflags='-s -w'",
    '-ldflags="-s -w"',
  );
}

/** C compilers and headers a stage installs itself: with CGO_ENABLED unset, cgo builds with them. */
const C_TOOLCHAIN = /^(gcc|g\+\+|clang|build-base|build-essential|musl-dev|libc6?-dev)$|-dev(el)?$/;

/**
 * Whether the binary is meant to use cgo: CGO_ENABLED=1, or unset while the stage installs a C
 * compiler or C headers (go-sqlite3 and its sqlite-dev). Forcing CGO_ENABLED=0 there would
 * build a binary whose cgo packages fail at run time. (The golang image's own gcc is no sign.)
 */
function cgoWanted(facts: StageFacts, t: GoTarget, stageEnv: Record<string, string>): boolean {
  const set = t.cmd.env.CGO_ENABLED ?? stageEnv.CGO_ENABLED;
  if (set !== undefined) return set === '1';
  return osPackages(facts).all.some((p) => C_TOOLCHAIN.test(p));
}

/** A USER other than root or distroless's nonroot: a user the final stage must have. */
function namedUser(facts: StageFacts): boolean {
  return facts.user !== null && !/^(root|0|nonroot|65532)(:|$)/.test(facts.user.argsAfterFlags.trim());
}

/** The final stage's image: a small distribution when a shell is needed, else distroless (base for cgo). */
function goRuntime(
  tag: string | null,
  alpine: boolean,
  shell: boolean,
  cgo: boolean,
): { runtime: string; caveats: string[] } {
  if (shell && cgo) {
    const runtime = shellImage(tag, alpine);
    return {
      runtime,
      caveats: [
        `The binary uses cgo (CGO_ENABLED=1, or a C compiler and headers installed for the build): it links ${alpine ? "Alpine's musl" : 'glibc'} and its C libraries dynamically, so the final stage is ${runtime} with their runtime packages, not a static distroless image.`,
      ],
    };
  }
  if (shell) {
    const runtime = shellImage(tag, alpine);
    return {
      runtime,
      caveats: [
        `The final stage keeps a shell (${runtime}) because it runs shell commands, installs packages or creates a user; without them gcr.io/distroless/static-debian12:nonroot would be smaller.`,
      ],
    };
  }
  if (cgo)
    return {
      runtime: 'gcr.io/distroless/base-debian12:nonroot',
      caveats: [
        'CGO is enabled, so the binary links glibc dynamically: the runtime is distroless base (glibc), not static.',
      ],
    };
  return {
    runtime: 'gcr.io/distroless/static-debian12:nonroot',
    caveats: [
      'The binary is now static (CGO_ENABLED=0): packages that need cgo (e.g. mattn/go-sqlite3) stop working; set CGO_ENABLED=1 and use gcr.io/distroless/base-debian12 for them.',
      'distroless has no shell: `docker exec ... sh` is not available for debugging (use the :debug tag). `FROM scratch` plus /etc/ssl/certs/ca-certificates.crt copied from the builder is smaller still.',
    ],
  };
}

/** What copying only the binary leaves behind: files it reads, RUNs left in the build, root. */
function binaryCaveats(facts: StageFacts, shell: boolean): string[] {
  const copiedOther = facts.copies.some(
    (c) => c.from === null && !c.sources.some((s) => s === '.' || s === './'),
  );
  return [
    copiedOther
      ? 'Only the binary is copied into the final stage: if the program reads files from the build context at run time (templates, static assets, migrations), COPY them too.'
      : 'Only the binary is copied into the final stage: if the program reads files next to it at run time (templates, static assets, migrations), COPY them from the build stage too.',
    ...builderOnlyCaveat(unknownLines(facts)),
    ...nonrootCaveat(facts, !shell),
  ];
}

/** Where the binary goes: where it was built, unless CMD names it bare and that is off the PATH. */
function binaryDest(program: string, output: string): string {
  if (program.includes('/') || PATH_DIRS.includes(dirnameOf(output))) return output;
  return `/usr/local/bin/${basename(program)}`;
}

function dirnameOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Programs whose RUNs are build or setup work the final stage does not miss. */
const KNOWN = new Set([
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
]);

function unknownLines(facts: StageFacts): number[] {
  const out: number[] = [];
  for (const { run, cmd } of facts.commands) {
    if (KNOWN.has(programName(cmd))) continue;
    if (!out.includes(run.span.line)) out.push(run.span.line);
  }
  return out;
}
