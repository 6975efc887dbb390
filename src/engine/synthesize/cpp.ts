// C/C++: the original image (gcc, or Debian/Ubuntu with build-essential/cmake) compiles; the
// runtime is the slim image of the same distribution with only the runtime libraries of the
// -dev packages the build used, and the binary the container runs.
import type { ShellCommand } from '../model';
import {
  basename,
  builderOnlyCaveat,
  debianRelease,
  osPackages,
  programName,
  resolvePath,
  tagVersion,
  unknownRunLines,
  userLine,
  type StageFacts,
  type SynthesisResult,
} from './common';
import { runtimeStageLines, plainBuilder, runtimePackages, startLines, twoStageText } from './compiled-stage';

const BUILD = new Set([
  'cmake',
  'make',
  'ninja',
  'gcc',
  'g++',
  'cc',
  'c++',
  'clang',
  'clang++',
  'meson',
  'configure',
  'autoreconf',
]);

function isBuild(cmd: ShellCommand): boolean {
  return BUILD.has(programName(cmd));
}

/** The slim runtime of the build image's distribution, or null when it is not one we know. */
function runtimeFor(facts: StageFacts): string | null {
  const { name, tag, prefix } = facts.image;
  if (name === 'gcc') return `debian:${debianRelease(tag) ?? 'bookworm'}-slim`;
  if (name === 'debian') {
    if (/slim/.test(tag ?? '')) return null;
    const rel = debianRelease(tag) ?? tagVersion(tag);
    return `${prefix}debian:${rel ?? 'bookworm'}-slim`;
  }
  if (name === 'ubuntu') return `${prefix}ubuntu:${tag ?? 'latest'}`;
  return null;
}

export function synthesizeCpp(facts: StageFacts): SynthesisResult | null {
  const read = readCppStage(facts);
  if (!read) return null;
  const { builds, runtime, binary, installs } = read;
  const rt = runtimeStageLines(facts, {
    image: runtime,
    toolchainEnv: /^ENV\s+(CC|CXX|CFLAGS|CXXFLAGS|LDFLAGS|CMAKE_\w*)=/,
    packages: runtimePackages(facts, false),
    workdir: facts.workdir,
    product: [`COPY --from=build ${binary} ${binary}`],
    builds,
    afterAssets: installs ? ['COPY --from=build /usr/local/lib /usr/local/lib', 'RUN ldconfig'] : [],
    start: startLines(facts.stage, userLine(facts, null)),
  });

  const explanation = `The build stage on ${facts.baseRef} compiles with its toolchain as before; the final stage on ${runtime} receives ${binary}${installs ? ' and /usr/local/lib' : ''} and the runtime libraries only. Compilers, headers and object files stay behind.`;
  return {
    text: twoStageText(facts, plainBuilder(facts).lines, rt),
    ecosystem: 'cpp',
    caveats: libraryCaveats(facts, runtime, binary),
    explanation,
  };
}

/**
 * The compile commands, the slim runtime of the build image's distribution, the binary the
 * container starts and whether `make install` (or the like) put it and its libraries in
 * /usr/local; null when there is no toolchain or the start is not one binary.
 */
function readCppStage(
  facts: StageFacts,
): { builds: StageFacts['commands']; runtime: string; binary: string; installs: boolean } | null {
  const builds = facts.commands.filter((c) => isBuild(c.cmd));
  if (!builds.length) return null;
  const os = osPackages(facts);
  const hasToolchain =
    facts.image.name === 'gcc' || os.all.some((p) => /^(build-essential|g\+\+|gcc|cmake|clang)$/.test(p));
  if (!hasToolchain) return null;
  const runtime = runtimeFor(facts);
  if (!runtime) return null;
  const words = facts.runWords ?? [];
  if (!words.length || /\$/.test(words[0])) return null;
  const program = words[0];
  // The binary: a path (./build/app, /usr/local/bin/app) or a name installed by `make install`.
  const finalWd = facts.workdir ?? '/';
  const binary = program.includes('/') ? resolvePath(finalWd, program) : `/usr/local/bin/${program}`;
  const installs = facts.commands.some((c) => /\binstall\b/.test(c.cmd.args.join(' ')) && isBuild(c.cmd));
  if (!program.includes('/') && !installs) return null;
  // A script or an interpreter runs other files of the image: copying one binary would not do.
  if (
    /^(sh|bash|python3?|java|node|perl|ruby)$/.test(basename(program)) ||
    /\.(sh|py|pl|rb|js)$/.test(program)
  )
    return null;
  return { builds, runtime, binary, installs };
}

/** What the final stage may miss: libraries the build linked, data files, RUNs left in the build. */
function libraryCaveats(facts: StageFacts, runtime: string, binary: string): string[] {
  const os = osPackages(facts);
  const caveats: string[] = [
    `The final stage on ${runtime} has no compiler and only the runtime libraries of the -dev packages it knows (${os.runtime.length ? os.runtime.join(', ') : 'none needed'}); check with \`ldd ${binary}\` that nothing is missing.`,
    'Only the binary is copied into the final stage: data files it reads at run time must be copied too.',
  ];
  if (os.unmapped.length)
    caveats.push(
      `Runtime libraries for ${os.unmapped.join(', ')} are not known: add them to the final stage (the package without -dev).`,
    );
  if (os.dropped.length)
    caveats.push(`Build-only packages (${os.dropped.join(', ')}) stay in the build stage.`);
  caveats.push(
    ...builderOnlyCaveat(
      unknownRunLines(
        facts,
        (c) => isBuild(c) || /^(cd|git|wget|curl|tar|unzip|ldconfig)$/.test(programName(c)),
      ),
    ),
  );
  return caveats;
}
