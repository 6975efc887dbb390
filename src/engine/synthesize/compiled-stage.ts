// The shape the synthesizers of compiled programs share (Go, Rust, Java, .NET, C/C++): the
// original stage becomes the `build` stage, and a final stage on a runtime image receives what
// the build made. What differs per language (which image, which files, which caveats) is the
// caller's; the order of the final stage's lines and the choices made the same way are here.
import type { Instruction, RunInstruction, Stage } from '../model';
import {
  alpineRelease,
  argEnvLines,
  assetCopies,
  buildDirs,
  builderStage,
  carriedRunLines,
  debianRelease,
  execFormLine,
  healthcheckTool,
  joinLines,
  labelLines,
  needsShell,
  osInstallLine,
  osPackages,
  preamble,
  rawOf,
  userLine,
  type BuilderOutput,
  type StageFacts,
} from './common';

/** The builder: the original stage renamed `build`, in its own order (no manifests moved first). */
export function plainBuilder(facts: StageFacts): BuilderOutput {
  return builderStage(facts, { name: 'build', image: facts.builderRef, manifests: null });
}

/** The Dockerfile of the two stages, under the original's directives and global ARGs. */
export function twoStageText(
  facts: StageFacts,
  builder: string[],
  final: string[],
  opts: { syntax?: boolean } = {},
): string {
  return joinLines([...preamble(facts.model, opts), ...builder, '', ...final]);
}

export interface FinalStagePlan {
  image: string;
  /** ENV lines of the build toolchain, which mean nothing in the final stage. */
  toolchainEnv: RegExp;
  /** The cleaned install of the runtime OS packages ('' when none). */
  packages: string;
  workdir: string | null;
  /** The COPY --from=build lines of what the build made. */
  product: string[];
  /** The build commands: the folders they ran in and the sources lay in are the build's own. */
  builds: { run: RunInstruction }[];
  /** A folder the build wrote its output to, the build's own too. */
  outputDir?: string;
  /** Lines after the copied assets (C/C++: the installed libraries). */
  afterAssets?: string[];
  /** The RUNs carried into the final stage (default: every one that can be). */
  carried?: RunInstruction[];
  /** USER and the instructions that describe the running container (EXPOSE ... CMD). */
  start: string[];
}

/** The final stage's lines, in the order every compiled-program synthesis writes them. */
export function runtimeStageLines(facts: StageFacts, plan: FinalStagePlan): string[] {
  const lines = [
    `FROM ${plan.image}`,
    ...argEnvLines(facts.stage).filter((l) => !plan.toolchainEnv.test(l)),
    ...labelLines(facts.stage),
  ];
  if (plan.packages) lines.push(plan.packages);
  if (plan.workdir) lines.push(`WORKDIR ${plan.workdir}`);
  // Files the original copied besides the sources (configs, templates, migrations) stay available:
  // from the build context, or from the build stage when they went into the build's own folders.
  const ownDirs = buildDirs(
    facts,
    plan.builds.map((b) => b.run),
  );
  if (plan.outputDir) ownDirs.unshift(plan.outputDir);
  lines.push(...plan.product, ...assetCopies(facts, ownDirs), ...(plan.afterAssets ?? []));
  // Carried RUNs come after the copies: they may use the copied files (a chmod, a chown for a user).
  lines.push(...carriedRunLines(facts, lines, plan.carried));
  lines.push(...plan.start);
  return lines;
}

/**
 * The final stage's OS install: the runtime packages the original installed with the final
 * stage's own manager, `extra` ones, and the HEALTHCHECK's curl or wget (Alpine's busybox has a
 * wget already).
 */
export function runtimePackages(
  facts: StageFacts,
  alpine: boolean,
  extra: string[] = [],
  keep: (pkg: string) => boolean = () => true,
): string {
  const os = osPackages(facts);
  const manager = alpine ? 'apk' : 'apt';
  const hc = healthcheckTool(facts.stage);
  const wanted = [...(os.manager === manager ? os.runtime : []), ...extra];
  if (hc === 'curl' || (hc === 'wget' && !alpine)) wanted.push(hc);
  return osInstallLine(manager, [...new Set(wanted)].filter(keep));
}

const START_KEYWORDS = new Set(['EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD']);

/** `user` (when any), then the original's EXPOSE ... CMD instructions in order, each as `write` puts it. */
export function startLines(
  stage: Stage,
  user: string | null,
  write: (i: Instruction) => string = rawOf,
): string[] {
  const start = stage.instructions.filter((i) => START_KEYWORDS.has(i.keyword)).map(write);
  return user ? [user, ...start] : start;
}

/** CMD/ENTRYPOINT in exec form (a runtime without a shell cannot run a shell form), the rest as written. */
function execStart(i: Instruction): string {
  return i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' ? execFormLine(i) : rawOf(i);
}

/**
 * The start lines of a native binary's final stage; on distroless, in exec form and as its
 * nonroot user unless the file names one. `replaced`: instructions written anew by the caller.
 */
export function binaryStart(
  facts: StageFacts,
  distroless: boolean,
  replaced?: ReadonlyMap<Instruction, string>,
): string[] {
  const write = distroless ? execStart : rawOf;
  const user = userLine(facts, distroless ? 'nonroot:nonroot' : null);
  return startLines(facts.stage, user, (i) => replaced?.get(i) ?? write(i));
}

/**
 * Whether a native binary's final stage keeps a distribution with a shell rather than
 * distroless: a shell-form start or a HEALTHCHECK, RUNs carried into it, OS packages beyond
 * certificates and time zones, or a reason of the language's own (`other`).
 */
export function keepsShell(facts: StageFacts, carried: RunInstruction[], other: boolean): boolean {
  const extra = osPackages(facts).runtime.filter((p) => !/^(ca-certificates|tzdata|curl|wget)$/.test(p));
  return needsShell(facts) || carried.length > 0 || extra.length > 0 || other;
}

/** The small distribution of the build image's own family: alpine:<release> or debian:<release>-slim. */
export function shellImage(tag: string | null, alpine: boolean): string {
  return alpine
    ? `alpine:${alpineRelease(tag) ?? '3.20'}`
    : `debian:${debianRelease(tag) ?? 'bookworm'}-slim`;
}

/** Said when the final stage moved a root-running program to distroless's `nonroot` user. */
export function nonrootCaveat(facts: StageFacts, nonroot: boolean): string[] {
  return !facts.user && nonroot
    ? ['The program now runs as the unprivileged `nonroot` user (uid 65532).']
    : [];
}
