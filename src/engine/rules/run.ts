// The rules runner: runs every registered rule over the model, applies ignore pragmas centrally
// (after the rules ran, never inside a rule), fills the Finding schema and measures each fixable
// size finding's saving with the size model (apply the fix, parse, estimate again).
import type { DockerfileModel, Instruction } from '../model';
import type { ResolvedOptions } from '../options';
import type { Estimate, Finding, SilencedFinding, Technique } from '../types';
import type { BaseImageLookup, BaseResolution } from '../size/types';
import type { Fix, Rule, RuleContext, RuleReport } from './types';
import { parseDockerfile } from '../parse';
import * as size from '../size';
import { allRules } from './registry';
import { applyEdits } from '../primitives/edits';
import { columnAt } from '../primitives/lines';
import { crossRefIds } from './cross-refs';

export interface RuleOutcome {
  finding: Finding;
  fix: Fix | null;
  rule: Rule;
}

/** Techniques whose fixes change what ships; only their findings get a measured saving. */
export const SIZE_TECHNIQUES: ReadonlySet<Technique> = new Set<Technique>([
  'base-image',
  'multi-stage',
  'dev-dependencies',
  'build-tools',
  'package-cache',
  'layer-merge',
  'other',
]);

/** At most this many fixes are re-estimated per analysis (each is a parse + estimate). */
export const MAX_SAVINGS_ESTIMATES = 8;
/**
 * And at most this many characters re-analyzed in total: a re-estimate costs roughly in
 * proportion to the text, so a 500-line file gets a few, a 30-line file the full count. The budget
 * is deterministic (no clock), so the same input always gets the same savings.
 */
export const MAX_SAVINGS_CHARS = 20_000;

/** Which findings get their saving measured first when the budget is short. */
const SAVINGS_PRIORITY: Technique[] = [
  'multi-stage',
  'base-image',
  'build-tools',
  'dev-dependencies',
  'package-cache',
  'layer-merge',
  'other',
];

const UNKNOWN_BASE: BaseResolution = {
  entry: null,
  match: 'unknown',
  confidence: 'low',
  basis: 'No base-image catalog is loaded.',
};

/** A lookup that knows nothing: used when the size module offers none. */
export const EMPTY_LOOKUP: BaseImageLookup = {
  resolve: () => UNKNOWN_BASE,
  alternatives: () => [],
  installedPackages: () => null,
};

/**
 * The base-image catalog the size model uses (src/engine/size/catalog.ts), through the size
 * model's memo: the rules ask about the same references the estimate just resolved.
 */
export function defaultBaseLookup(): BaseImageLookup {
  return isLookup(size.memoizedBaseImages) ? size.memoizedBaseImages : EMPTY_LOOKUP;
}

function isLookup(v: unknown): v is BaseImageLookup {
  return (
    !!v &&
    typeof (v as BaseImageLookup).resolve === 'function' &&
    typeof (v as BaseImageLookup).alternatives === 'function'
  );
}

export interface RunRulesExtra {
  /** Rules to run instead of the registry (tests). */
  rules?: readonly Rule[];
  bases?: BaseImageLookup;
  /** Skip the savings measurement (tests, the rewriter's re-analysis). */
  skipSavings?: boolean;
  /** When given, receives the findings the lint settings' `ignored` list silenced (the UI shows them). */
  silenced?: SilencedFinding[];
  /** Called when a rule throws (tests rethrow; the engine skips the rule). */
  onError?: (rule: Rule, error: unknown) => void;
}

export function runRules(
  model: DockerfileModel,
  opts: ResolvedOptions,
  estimate: Estimate,
  extra: RunRulesExtra = {},
): RuleOutcome[] {
  const rules = extra.rules ?? allRules;
  const ctx: RuleContext = {
    model,
    bases: extra.bases ?? defaultBaseLookup(),
    context: opts?.context,
    settings: opts?.lint,
  };
  const disabled = opts?.disabledRules ?? new Set<string>();
  const suppress = buildSuppression(model);
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    if (disabled.has(rule.meta.id)) continue;
    let reports: RuleReport[];
    try {
      reports = rule.check(ctx);
    } catch (error) {
      // A broken rule must never break the analysis; its findings are simply missing.
      extra.onError?.(rule, error);
      continue;
    }
    // Most reports carry the rule's own peer ids: their names are worked out once per rule.
    let ruleNaming: Naming | undefined;
    for (const report of reports) {
      const naming = report.aliases
        ? namingOf(rule, report.aliases, opts)
        : (ruleNaming ??= namingOf(rule, [...rule.meta.hadolint, ...rule.meta.buildChecks], opts));
      if (suppress(rule, naming, report)) continue;
      const { ignoredAs } = naming;
      if (ignoredAs && !extra.silenced) continue;
      const fix = report.fix ?? null;
      const finding: Finding = {
        ruleId: rule.meta.id,
        technique: rule.meta.technique,
        severity: naming.override ?? report.severity ?? rule.meta.severity,
        line: report.span.line,
        endLine: report.span.endLine,
        message: report.message,
        savingsBytes: null,
        fixable: fix !== null && fix.safety !== 'display-only',
        aliases: [...naming.aliases],
        title: rule.meta.title,
        column: columnOf(model, report.span.start),
        fixSafety: fix?.safety,
        fix: fix ? { title: fix.title, safety: fix.safety, edits: fix.edits.map((e) => ({ ...e })) } : null,
      };
      if (ignoredAs) extra.silenced!.push({ ...finding, silencedBy: ignoredAs });
      else outcomes.push({ finding, fix, rule });
    }
  }
  outcomes.sort(
    (a, b) =>
      a.finding.line - b.finding.line ||
      a.finding.ruleId.localeCompare(b.finding.ruleId) ||
      (a.finding.column ?? 0) - (b.finding.column ?? 0),
  );
  extra.silenced?.sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  if (!extra.skipSavings) measureSavings(model, opts, estimate, outcomes);
  return outcomes;
}

/** What a finding of `rule` carrying peer ids `peerIds` is called, and what the settings say of it. */
interface Naming {
  peerIds: readonly string[];
  /** The peer ids, then the other scanners' ids (Finding.aliases). */
  aliases: readonly string[];
  /** The hadolint ids among the peer ids, lower-cased (what ignore pragmas name). */
  hadolint: readonly string[];
  /** The name under which the lint settings ignore it, if they do. */
  ignoredAs: string | undefined;
  override: Finding['severity'] | undefined;
}

function namingOf(rule: Rule, peerIds: readonly string[], opts: ResolvedOptions): Naming {
  const aliases = [...peerIds, ...crossRefIds(rule.meta.id, peerIds)];
  const names = [rule.meta.id, ...aliases].map((a) => a.toLowerCase());
  return {
    peerIds,
    aliases,
    hadolint: peerIds.filter((a) => /^(DL|SC)\d{4}$/.test(a)).map((a) => a.toLowerCase()),
    ignoredAs: names.find((n) => opts?.ignoredRules?.has(n)),
    override: names.map((n) => opts?.severityOverrides?.get(n)).find((s) => s),
  };
}

function columnOf(model: DockerfileModel, offset: number): number {
  return columnAt(model.lineStarts, offset);
}

// ---------------------------------------------------------------------------------------------
// Savings: the size model decides, never a made-up figure.

/**
 * Measures each fixable size finding's saving (apply the fix, parse, estimate again), one
 * measurement per step of the generator, so that the worker can stop between two when newer text
 * arrives. `measure` is the analysis's shared measurement (the rewriter measures the same texts).
 */
export function* savingsSteps(
  model: DockerfileModel,
  opts: ResolvedOptions,
  estimate: Estimate,
  outcomes: RuleOutcome[],
  measure: (text: string, opts: ResolvedOptions) => Estimate = (text, o) =>
    size.estimateImage(parseDockerfile(text), o),
): Generator<void, void, void> {
  let count = MAX_SAVINGS_ESTIMATES;
  let chars = MAX_SAVINGS_CHARS;
  const cache = new Map<string, number | null>();
  const rank = (o: RuleOutcome) => SAVINGS_PRIORITY.indexOf(o.rule.meta.technique);
  const candidates = outcomes
    .filter((o) => o.fix && o.fix.safety !== 'display-only' && SIZE_TECHNIQUES.has(o.rule.meta.technique))
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map((x) => x.o);
  for (const o of candidates) {
    const text = applyEdits(model.text, o.fix!.edits);
    if (text === model.text) continue;
    if (cache.has(text)) {
      o.finding.savingsBytes = cache.get(text) ?? null;
      continue;
    }
    if (count <= 0 || chars < text.length) break;
    count--;
    chars -= text.length;
    let saving: number | null = null;
    try {
      saving = Math.max(0, estimate.uncompressedBytes - measure(text, opts).uncompressedBytes);
    } catch {
      saving = null;
    }
    cache.set(text, saving);
    o.finding.savingsBytes = saving;
    yield;
  }
}

function measureSavings(
  model: DockerfileModel,
  opts: ResolvedOptions,
  estimate: Estimate,
  outcomes: RuleOutcome[],
): void {
  const steps = savingsSteps(model, opts, estimate, outcomes);
  while (!steps.next().done) {
    // every saving measured
  }
}

// ---------------------------------------------------------------------------------------------
// Suppression: `# playground ignore=<id>` / `# hadolint ignore=DLxxxx` directly above an
// instruction, `stage ignore=` above a FROM, `global ignore=` anywhere (model.globalIgnores), and
// BuildKit's `# check=skip=Name,...` directive for rules that map to those build checks.

const PRAGMA = /^\s*(playground|hadolint)\s+(stage\s+|global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)/i;

export function parsePragmas(comments: readonly string[], scope: 'line' | 'stage' | 'global'): Set<string> {
  const ids = new Set<string>();
  for (const c of comments) {
    const m = PRAGMA.exec(c.replace(/^#/, ''));
    if (!m) continue;
    const kind = (m[2] ?? '').trim().toLowerCase();
    if ((kind === '' && scope !== 'line') || (kind === 'stage' && scope !== 'stage')) continue;
    if (kind === 'global' && scope !== 'global') continue;
    for (const id of m[3].split(/[,\s]+/)) {
      const t = id.trim();
      if (t) ids.add(t.toLowerCase());
    }
    // A trailing `# reason` is cut off by the character class above.
  }
  return ids;
}

function buildSuppression(
  model: DockerfileModel,
): (rule: Rule, naming: Naming, report: RuleReport) => boolean {
  const global = new Set(model.globalIgnores.map((s) => s.trim().toLowerCase()));
  const skip = checkSkips(model.directives?.check ?? '');
  const localSkips = new Map<Instruction, Set<string>>();
  const stagePragmas = new Map<number, Set<string>>();
  for (const stage of model.stages)
    stagePragmas.set(stage.index, parsePragmas(stage.from.commentsAbove, 'stage'));
  const linePragmas = new Map<Instruction, Set<string>>();
  return (rule, { peerIds: aliases, hadolint }, report) => {
    const id = rule.meta.id.toLowerCase();
    const matches = (ids: Set<string>) => ids.has(id) || hadolint.some((h) => ids.has(h));
    if (matches(global)) return true;
    const skipped = (names: Set<string>) =>
      names.has('all') || aliases.some((a) => rule.meta.buildChecks.includes(a) && names.has(a));
    if (skipped(skip)) return true;
    const ins = instructionAt(model, report.span.start);
    if (!ins) return false;
    // BuildKit: a `# check=skip=...` comment right above an instruction applies to it alone.
    let local = localSkips.get(ins);
    if (!local) {
      local = checkSkips(...ins.commentsAbove.map((c) => /^\s*check\s*=(.*)$/i.exec(c)?.[1] ?? ''));
      localSkips.set(ins, local);
    }
    if (skipped(local)) return true;
    let ids = linePragmas.get(ins);
    if (!ids) {
      ids = parsePragmas(ins.commentsAbove, 'line');
      linePragmas.set(ins, ids);
    }
    if (matches(ids)) return true;
    const stageIds = stagePragmas.get(ins.stage);
    return !!stageIds && matches(stageIds);
  };
}

/** The build-check names of `skip=A,B` in check directive values (`skip=all;error=true`). */
function checkSkips(...values: string[]): Set<string> {
  const skip = new Set<string>();
  for (const value of values)
    for (const part of value.split(';')) {
      const m = /^\s*skip\s*=\s*(.*)$/i.exec(part);
      if (m) for (const name of m[1].split(',')) if (name.trim()) skip.add(name.trim().split(/\s/)[0]);
    }
  return skip;
}

/**
 * The instruction a report's offset falls in (else the last one before it): a binary search over
 * the instructions, which lie in text order without overlapping, instead of a scan per report.
 */
function instructionAt(model: DockerfileModel, offset: number): Instruction | null {
  const list = model.instructions;
  let lo = 0;
  let hi = list.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best < 0 ? null : list[best];
}
