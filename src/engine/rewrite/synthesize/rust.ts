// Rust: the original rust image builds the release binary (the crate registry in a BuildKit cache
// mount, so dependencies are not downloaded again on every build); the runtime is distroless cc
// (glibc + libgcc, nonroot), or debian slim when OpenSSL or a shell is needed.
import type { ShellCommand } from '../../model';
import {
  argEnvLines,
  assetCopies,
  buildDirs,
  alpineRelease,
  basename,
  builderOnlyCaveat,
  builderStage,
  carriedRunLines,
  carriedRuns,
  debianRelease,
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
  runLine,
  unknownRunLines,
  type StageFacts,
  type SynthesisResult,
} from './common';
import type { PromiseKey } from '../promises';
import { cargoRunPlan } from './rust-run';

function isCargoBuild(cmd: ShellCommand): boolean {
  return programName(cmd) === 'cargo' && (cmd.args[0] === 'build' || cmd.args[0] === 'install');
}

const PATH_DIRS = ['/usr/local/bin', '/usr/bin', '/bin'];

export function synthesizeRust(facts: StageFacts): SynthesisResult | null {
  if (facts.image.name !== 'rust') return null;
  const builds = facts.commands.filter((c) => isCargoBuild(c.cmd));
  const words = facts.runWords;
  if (!words || !words.length || /\$/.test(words[0])) return null;
  // `cargo run`: the builder stage builds the release binary and the final stage starts it.
  const cargoRun = words[0] === 'cargo' ? cargoRunPlan(facts) : null;
  const binary = cargoRun
    ? { source: cargoRun.binary, dest: cargoRun.dest, release: true }
    : builtBinary(facts, builds, words[0]);
  if (!binary) return null;
  const { source, dest, release } = binary;

  const os = osPackages(facts);
  const openssl = os.all.some((p) => /^(libssl-dev|openssl-dev|pkg-config)$/.test(p));
  const carried = carriedRuns(facts);
  const extra = os.runtime.filter((p) => !/^(ca-certificates|tzdata|curl|wget)$/.test(p));
  const shell =
    needsShell(facts) ||
    carried.length > 0 ||
    extra.length > 0 ||
    openssl ||
    (facts.user !== null && !/^(root|0|nonroot|65532)/.test(facts.user.argsAfterFlags.trim()));
  const alpine = isAlpineTag(facts.image.tag);
  const caveats: string[] = [];
  let runtime: string;
  if (alpine) {
    runtime = `alpine:${alpineRelease(facts.image.tag) ?? '3.20'}`;
    caveats.push(
      'The binary is built against musl (rust:alpine); it is statically linked by default, so `FROM scratch` (with CA certificates copied) would also work.',
    );
  } else if (shell) {
    runtime = `debian:${debianRelease(facts.image.tag) ?? 'bookworm'}-slim`;
    caveats.push(
      `The final stage keeps Debian (${runtime}) for OpenSSL, packages, a shell or a user it needs; gcr.io/distroless/cc-debian12 is smaller when none of these is needed.`,
    );
  } else {
    runtime = 'gcr.io/distroless/cc-debian12:nonroot';
    caveats.push(
      'distroless cc has glibc and libgcc but no shell or package manager; a binary that links other system libraries (OpenSSL...) needs debian slim with them instead. Built for x86_64-unknown-linux-musl, the binary could run FROM scratch (smallest).',
    );
  }

  const b = builderStage(facts, {
    name: 'build',
    image: facts.builderRef,
    manifests: null,
  });
  // Cache the crate registry between builds (BuildKit); the target folder stays in the layer so
  // that the binary can be copied out.
  const lines = b.lines.map((l) =>
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

  const rt: string[] = [`FROM ${runtime}`];
  rt.push(...argEnvLines(facts.stage).filter((l) => !/^ENV\s+(CARGO_|RUSTUP_|RUSTFLAGS)/.test(l)));
  rt.push(...labelLines(facts.stage));
  const hc = healthcheckTool(facts.stage);
  if (runtime.startsWith('debian') || runtime.startsWith('alpine')) {
    const mgr = alpine ? 'apk' : 'apt';
    const pk = [
      ...(os.manager === mgr ? os.runtime : []),
      'ca-certificates',
      ...(openssl && !alpine ? ['libssl3'] : []),
    ];
    if (hc === 'curl' || (hc === 'wget' && !alpine)) pk.push(hc);
    rt.push(osInstallLine(mgr, [...new Set(pk)]));
  }
  if (facts.workdir) rt.push(`WORKDIR ${facts.workdir}`);
  rt.push(`COPY --from=build ${source} ${dest}`);
  rt.push(
    ...assetCopies(
      facts,
      buildDirs(
        facts,
        builds.map((x) => x.run),
      ),
    ),
  );
  rt.push(...carriedRunLines(facts, rt, carried));
  const user = facts.user ? rawOf(facts.user) : runtime.includes('nonroot') ? 'USER nonroot:nonroot' : null;
  let userDone = false;
  for (const i of facts.stage.instructions) {
    if (!['EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD'].includes(i.keyword)) continue;
    if (!userDone && user) {
      rt.push(user);
      userDone = true;
    }
    const start = cargoRun?.startLines.get(i);
    if (start) rt.push(start);
    else
      rt.push(
        !shell && !alpine && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') ? execFormLine(i) : rawOf(i),
      );
  }
  if (!userDone && user) rt.push(user);

  caveats.push(
    'Only the binary is copied into the final stage: files it reads at run time (configuration, templates, static assets) must be copied too.',
  );
  caveats.push(
    ...builderOnlyCaveat(unknownRunLines(facts, (c) => /^(cargo|rustup|rustc)$/.test(programName(c)))),
  );
  if (!facts.user && runtime.includes('nonroot'))
    caveats.push('The program now runs as the unprivileged `nonroot` user (uid 65532).');

  if (cargoRun) caveats.push(...cargoRun.caveats);
  const text = joinLines([...preamble(facts.model, { syntax: true }), ...lines, '', ...rt]);
  const explanation = `The build stage on ${facts.baseRef} compiles the ${release ? 'release ' : ''}binary with the crate registry in a BuildKit cache mount; the final stage on ${runtime} holds only ${dest}. The Rust toolchain (over a gigabyte), the sources and target/ stay behind.`;
  // `cargo run` gave way to the binary itself: the start command changes, as the caveats say.
  const changes: PromiseKey[] | undefined = cargoRun ? ['cmd', 'entrypoint'] : undefined;
  return { text, ecosystem: 'rust', caveats, explanation, changes };
}

const REGISTRY_CACHE = '--mount=type=cache,target=/usr/local/cargo/registry';

/**
 * The binary the program words start, when cargo built it (target/release/<bin>, or a
 * cargo-installed binary): a script or a binary moved elsewhere by other commands would not be
 * copied correctly.
 */
function builtBinary(
  facts: StageFacts,
  builds: { cmd: ShellCommand }[],
  program: string,
): { source: string; dest: string; release: boolean } | null {
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
