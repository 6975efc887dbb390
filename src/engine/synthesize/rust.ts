// Rust: the original rust image builds the release binary (the crate registry in a BuildKit cache
// mount, so dependencies are not downloaded again on every build); the runtime is distroless cc
// (glibc + libgcc, nonroot), or debian slim when OpenSSL or a shell is needed.
import type { ShellCommand } from '../model';
import {
  basename,
  builderOnlyCaveat,
  carriedRuns,
  isAlpineTag,
  osPackages,
  programName,
  resolvePath,
  runLine,
  unknownRunLines,
  type StageFacts,
  type SynthesisResult,
} from './common';
import type { PromiseKey } from '../promises';
import {
  binaryStart,
  runtimeStageLines,
  keepsShell,
  nonrootCaveat,
  plainBuilder,
  runtimePackages,
  shellImage,
  twoStageText,
} from './compiled-stage';
import { cargoRunPlan, type CargoRunPlan } from './rust-run';

function isCargoBuild(cmd: ShellCommand): boolean {
  return programName(cmd) === 'cargo' && (cmd.args[0] === 'build' || cmd.args[0] === 'install');
}

const PATH_DIRS = ['/usr/local/bin', '/usr/bin', '/bin'];

type RustCommand = StageFacts['commands'][number];

/** The binary the final stage receives: where the build leaves it and where it goes. */
interface RustBinary {
  source: string;
  dest: string;
  release: boolean;
}

export function synthesizeRust(facts: StageFacts): SynthesisResult | null {
  const read = readRustStage(facts);
  if (!read) return null;
  const { builds, cargoRun } = read;
  const { source, dest, release } = read.binary;
  const openssl = osPackages(facts).all.some((p) => /^(libssl-dev|openssl-dev|pkg-config)$/.test(p));
  const carried = carriedRuns(facts);
  const shell = keepsShell(facts, carried, openssl || runsAsOwnUser(facts));
  const alpine = isAlpineTag(facts.image.tag);
  // Neither Alpine nor a shell needed: distroless, as its nonroot user.
  const distroless = !alpine && !shell;
  const { runtime, caveats } = rustRuntime(facts.image.tag, alpine, shell);
  const libssl = openssl && !alpine ? ['libssl3'] : [];
  const rt = runtimeStageLines(facts, {
    image: runtime,
    toolchainEnv: /^ENV\s+(CARGO_|RUSTUP_|RUSTFLAGS)/,
    packages: distroless ? '' : runtimePackages(facts, alpine, ['ca-certificates', ...libssl]),
    workdir: facts.workdir,
    product: [`COPY --from=build ${source} ${dest}`],
    builds,
    carried,
    start: binaryStart(facts, distroless, cargoRun?.startLines),
  });

  caveats.push(
    'Only the binary is copied into the final stage: files it reads at run time (configuration, templates, static assets) must be copied too.',
    ...builderOnlyCaveat(unknownRunLines(facts, (c) => /^(cargo|rustup|rustc)$/.test(programName(c)))),
    ...nonrootCaveat(facts, distroless),
    ...(cargoRun?.caveats ?? []),
  );
  const text = twoStageText(facts, rustBuilder(facts, builds, cargoRun), rt, { syntax: true });
  const explanation = `The build stage on ${facts.baseRef} compiles the ${release ? 'release ' : ''}binary with the crate registry in a BuildKit cache mount; the final stage on ${runtime} holds only ${dest}. The Rust toolchain (over a gigabyte), the sources and target/ stay behind.`;
  // `cargo run` gave way to the binary itself: the start command changes, as the caveats say.
  const changes: PromiseKey[] | undefined = cargoRun ? ['cmd', 'entrypoint'] : undefined;
  return { text, ecosystem: 'rust', caveats, explanation, changes };
}

/** The cargo builds, and the binary the container starts (built from `cargo run` when it ran that). */
function readRustStage(
  facts: StageFacts,
): { builds: RustCommand[]; cargoRun: CargoRunPlan | null; binary: RustBinary } | null {
  if (facts.image.name !== 'rust') return null;
  const builds = facts.commands.filter((c) => isCargoBuild(c.cmd));
  const words = facts.runWords;
  if (!words || !words.length || /\$/.test(words[0])) return null;
  // `cargo run`: the builder stage builds the release binary and the final stage starts it.
  const cargoRun = words[0] === 'cargo' ? cargoRunPlan(facts) : null;
  const binary = cargoRun
    ? { source: cargoRun.binary, dest: cargoRun.dest, release: true }
    : builtBinary(facts, builds, words[0]);
  return binary ? { builds, cargoRun, binary } : null;
}

/** A USER other than root or nonroot: the final stage must have it. */
function runsAsOwnUser(facts: StageFacts): boolean {
  return facts.user !== null && !/^(root|0|nonroot|65532)/.test(facts.user.argsAfterFlags.trim());
}

/** The final stage's image: Alpine for a musl build, Debian slim when needed, else distroless cc. */
function rustRuntime(
  tag: string | null,
  alpine: boolean,
  shell: boolean,
): { runtime: string; caveats: string[] } {
  const runtime = alpine || shell ? shellImage(tag, alpine) : 'gcr.io/distroless/cc-debian12:nonroot';
  if (alpine)
    return {
      runtime,
      caveats: [
        'The binary is built against musl (rust:alpine); it is statically linked by default, so `FROM scratch` (with CA certificates copied) would also work.',
      ],
    };
  if (shell)
    return {
      runtime,
      caveats: [
        `The final stage keeps Debian (${runtime}) for OpenSSL, packages, a shell or a user it needs; gcr.io/distroless/cc-debian12 is smaller when none of these is needed.`,
      ],
    };
  return {
    runtime,
    caveats: [
      'distroless cc has glibc and libgcc but no shell or package manager; a binary that links other system libraries (OpenSSL...) needs debian slim with them instead. Built for x86_64-unknown-linux-musl, the binary could run FROM scratch (smallest).',
    ],
  };
}

/**
 * The original stage as the build stage, with the crate registry cached between builds
 * (BuildKit); the target folder stays in the layer so that the binary can be copied out.
 */
function rustBuilder(facts: StageFacts, builds: RustCommand[], cargoRun: CargoRunPlan | null): string[] {
  const lines = plainBuilder(facts).lines.map((l) =>
    /^RUN\s/.test(l) && /\bcargo (build|install)\b/.test(l) && !/--mount=type=cache/.test(l)
      ? l.replace(/^RUN\s+/, `RUN ${REGISTRY_CACHE} `)
      : l,
  );
  if (cargoRun) {
    // The original may already build exactly this; the build is then not written twice.
    const built = builds.some((b) => b.cmd.text.trim() === cargoRun.build[0]);
    const rest = built ? cargoRun.build.slice(1) : cargoRun.build;
    if (rest.length) lines.push(runLine(rest, built ? [] : [REGISTRY_CACHE]));
  }
  return lines;
}

const REGISTRY_CACHE = '--mount=type=cache,target=/usr/local/cargo/registry';

/**
 * The binary the program words start, when cargo built it (target/release/<bin>, or a
 * cargo-installed binary): a script or a binary moved elsewhere by other commands would not be
 * copied correctly.
 */
function builtBinary(facts: StageFacts, builds: { cmd: ShellCommand }[], program: string): RustBinary | null {
  if (!builds.length || program === 'cargo') return null;
  const name = basename(program);
  const last = builds[builds.length - 1];
  const installed = last.cmd.args[0] === 'install';
  const release = last.cmd.args.includes('--release') || installed;
  const finalWd = facts.workdir ?? '/';
  let source: string;
  if (program.includes('/')) source = resolvePath(finalWd, program);
  else if (installed) source = `/usr/local/cargo/bin/${name}`;
  else source = resolvePath(finalWd, `target/${release ? 'release' : 'debug'}/${name}`);
  if (
    !/\/target\/(release|debug)\/[^/]+$/.test(source) &&
    !(installed && source.startsWith('/usr/local/cargo/bin/'))
  )
    return null;
  const dest = program.includes('/')
    ? source
    : PATH_DIRS.some((d) => source.startsWith(d + '/'))
      ? source
      : `/usr/local/bin/${name}`;
  return { source, dest, release };
}
