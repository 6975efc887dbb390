// The builder stage: the original stage renamed, dependency manifests first, assets copied out.
import type { CopyInstruction, Instruction, RunInstruction, ShellCommand } from '../model';
import {
  type StageFacts,
  basename,
  copiesWholeContext,
  isCopy,
  isRun,
  resolvePath,
  workdirs,
} from './stage-facts';
import { RUNTIME_KEYWORDS, fromLine, rawOf, rewriteRun, runLine } from './writing';

// The builder stage: the original stage, renamed, with the dependency manifests copied (and the
// dependencies installed) before the whole build context, so that a source change keeps the
// dependency layer cached.

export interface BuilderPlan {
  name: string;
  image: string;
  /** Files copied before the whole context (null: no reordering). */
  manifests?: string[] | null;
  /** Commands that install dependencies: moved before the whole-context COPY when possible. */
  isInstall?: (cmd: ShellCommand) => boolean;
  /** Commands inserted after the manifests when nothing was moved (e.g. `go mod download`). */
  prefetch?: string[];
  /** Replace a command's text (undefined: unchanged; '' drops it). */
  mapCommand?: (cmd: ShellCommand, run: RunInstruction) => string | undefined;
  /** Lines appended at the end of the stage. */
  tail?: string[];
  /** Keep USER instructions in the builder (default true: installs may rely on them). */
  keepUser?: boolean;
}

export interface BuilderOutput {
  lines: string[];
  /** True when the manifests now come before the whole context. */
  reordered: boolean;
}

function quoteWord(w: string): string {
  if (w === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w)) return w;
  if (/^-[A-Za-z]+=.*$/.test(w) && !w.includes("'")) {
    const eq = w.indexOf('=');
    return w.slice(0, eq + 1) + `'${w.slice(eq + 1)}'`;
  }
  return `'${w.replace(/'/g, `'\\''`)}'`;
}

/** A command's text from its parts (used when a command is edited). */
export function commandText(env: Record<string, string>, name: string, args: string[]): string {
  const envText = Object.entries(env).map(([k, v]) => `${k}=${quoteWord(v)}`);
  return [...envText, name, ...args.map(quoteWord)].join(' ');
}

function isManifestCopy(c: CopyInstruction, manifests: string[]): boolean {
  const names = new Set(manifests.map((m) => basename(m).replace(/\*$/, '')));
  return (
    c.from === null &&
    c.sources.some((s) => [...names].some((n) => basename(s).startsWith(n.replace(/\*.*/, ''))))
  );
}

export function builderStage(facts: StageFacts, plan: BuilderPlan): BuilderOutput {
  const ins = facts.stage.instructions;
  const lines: string[] = [fromLine(facts, plan.image, plan.name)];
  const C = ins.findIndex((i) => isCopy(i) && copiesWholeContext(i));
  let moveAt = -1;
  let R: RunInstruction | null = null;
  let installTexts: string[] = [];
  let remainder: string | null = null;
  const between = new Set<Instruction>();
  const manifests = plan.manifests ?? null;
  if (C > 0 && manifests && manifests.length) {
    const already = ins.slice(0, C).some((i) => isCopy(i) && isManifestCopy(i, manifests));
    if (!already) {
      if (plan.isInstall) {
        for (let k = C + 1; k < ins.length; k++) {
          const i = ins[k];
          if (isCopy(i) && i.from === null) {
            between.add(i);
            continue;
          }
          if (!isRun(i)) break;
          const cmds = i.shell?.commands ?? [];
          let n = 0;
          while (n < cmds.length && !cmds[n].nested && plan.isInstall(cmds[n])) n++;
          if (n > 0 && !i.heredocs.length) {
            const rest = rewriteRun(i, (_c, idx) => (idx < n ? null : _c.text));
            if (rest !== null) {
              R = i;
              installTexts = cmds
                .slice(0, n)
                .map((c) => plan.mapCommand?.(c, i) ?? c.text)
                .filter(Boolean);
              remainder = rest;
            }
          }
          break;
        }
      }
      if (R || (plan.prefetch && plan.prefetch.length)) moveAt = C;
      if (!R) between.clear();
    }
  }
  const keepUser = plan.keepUser ?? true;
  for (let k = 1; k < ins.length; k++) {
    const i = ins[k];
    if (RUNTIME_KEYWORDS.has(i.keyword)) continue;
    if (i.keyword === 'USER' && !keepUser) continue;
    if (between.has(i)) continue;
    if (k === moveAt) {
      const c = i as CopyInstruction;
      const flags = c.flags
        .filter((f) => f.name === 'chown' || f.name === 'chmod' || f.name === 'link')
        .map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
      const dest =
        c.destination === '.' ? './' : c.destination.endsWith('/') ? c.destination : c.destination + '/';
      lines.push(['COPY', ...flags, ...manifests!, dest].join(' '));
      for (const b of between) lines.push(rawOf(b));
      if (R) {
        const runFlags = R.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
        lines.push(runLine(installTexts, runFlags));
      } else if (plan.prefetch) lines.push(runLine(plan.prefetch));
      lines.push(rawOf(i));
      continue;
    }
    if (i === R) {
      if (remainder) lines.push(mapRunText(i, installTexts.length, plan));
      continue;
    }
    if (isRun(i)) {
      lines.push(mapRunText(i, 0, plan));
      continue;
    }
    lines.push(rawOf(i));
  }
  if (plan.tail) lines.push(...plan.tail);
  return { lines, reordered: moveAt >= 0 };
}

/** Applies plan.mapCommand to a RUN, leaving out its first `skip` commands (moved earlier). */
function mapRunText(run: RunInstruction, skip: number, plan: BuilderPlan): string {
  const cmds = run.shell?.commands ?? [];
  const mapped = plan.mapCommand ? cmds.map((c) => plan.mapCommand!(c, run)) : [];
  if (skip === 0 && !mapped.some((m) => m !== undefined)) return rawOf(run);
  const whole = rewriteRun(run, (c, idx) => (idx < skip ? null : (mapped[idx] ?? c.text)));
  if (whole !== null) return whole;
  // A RUN too intricate to rebuild: replace the command's text where it appears verbatim.
  let raw = rawOf(run);
  cmds.forEach((c, idx) => {
    const m = mapped[idx];
    if (m !== undefined && raw.includes(c.text)) raw = raw.replace(c.text, m);
  });
  return raw;
}

const SOURCE_LIKE =
  /^(\.|\.\/|go\.(mod|sum)|.*\.(go|rs|java|kt|scala|cs|fs|vb|c|cc|cpp|h|hpp|ts|tsx|js|jsx|mjs|py)|cmd|internal|pkg|src|lib|include|vendor|crates|Cargo\.(toml|lock)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle|gradlew|mvnw|\.mvn|.*\.(csproj|sln|fsproj)|package(-lock)?\.json|CMakeLists\.txt|Makefile|tsconfig.*\.json|requirements.*\.txt|pyproject\.toml|poetry\.lock|uv\.lock|setup\.(py|cfg))$/;

/**
 * Files the original copied from the build context to places outside the build folders (a
 * config in /etc, an entrypoint script in /): the running app may read them, so the final stage
 * copies them too, with the destination made absolute.
 */
export function assetCopies(facts: StageFacts, buildDirs: string[], insideFromBuild = true): string[] {
  const wd = workdirs(facts.stage);
  const out: string[] = [];
  const inside = (p: string) =>
    buildDirs.some((d) => d === '/' || p === d || p.startsWith(d.replace(/\/$/, '') + '/'));
  for (const c of facts.copies) {
    if (c.from !== null || c.remoteSources.length || c.heredocs.length || copiesWholeContext(c)) continue;
    if (c.sources.some((s) => /\$/.test(s)) || /\$/.test(c.destination)) continue;
    const abs = resolvePath(wd.get(c) ?? null, c.destination);
    if (inside(abs)) {
      if (!insideFromBuild) continue;
      // Inside the source tree: sources and manifests stay behind; other deliberate copies
      // (migrations, templates, config, static files) come from the build stage as they are there.
      if (c.sources.every((src) => SOURCE_LIKE.test(basename(src)))) continue;
      if (c.sources.length !== 1) continue;
      const target = c.destination.endsWith('/')
        ? abs.replace(/\/$/, '') + '/' + basename(c.sources[0])
        : abs;
      if (buildDirs.includes(target)) continue;
      out.push(`COPY --from=build ${target} ${target}`);
      continue;
    }
    const dest = abs + (c.destination.endsWith('/') && abs !== '/' ? '/' : '');
    const flags = c.flags
      .filter((f) => f.name === 'chown' || f.name === 'chmod' || f.name === 'link')
      .map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
    out.push(['COPY', ...flags, ...c.sources, dest].join(' '));
  }
  return out;
}

/** Folders the sources were copied into (whole-context COPY destinations) and builds ran in. */
export function buildDirs(facts: StageFacts, runs: RunInstruction[]): string[] {
  const wd = workdirs(facts.stage);
  const dirs = new Set<string>();
  for (const c of facts.copies)
    if (copiesWholeContext(c)) dirs.add(resolvePath(wd.get(c) ?? null, c.destination));
  for (const r of runs) {
    const w = wd.get(r);
    if (w) dirs.add(w);
  }
  return [...dirs];
}
