// The engine's entry points: text + options → Analysis (plain JSON). Never throws.
// An analysis runs in two phases (DESIGN.md): phase 1 — parse, size, layers and findings — is what
// the page shows first; phase 2 — each finding's measured saving and the rewrite — re-parses and
// re-estimates edited texts and costs several times more. `analyze()` runs both, `analyzeQuick()`
// phase 1 alone; the worker uses `startAnalysis()` to send phase 1 at once and run phase 2 in small
// steps it can abandon when newer text arrives.
import { SCHEMA_VERSION } from './types';
import type { Analysis, AnalyzeOptions, Estimate, Rewrite, SilencedFinding } from './types';
import { ENGINE_VERSION, RULES_VERSION } from './version';
import { parseDockerfile, ensureShellParser } from './parse';
import { resolveOptions, DEFAULT_MAX_INPUT_CHARS } from './options';
import { summarizeStages, summarizeInstructions } from './summary';
import { estimateImage, baseAlternatives, createStageMemo } from './size';
import { runRules, savingsSteps } from './rules/run';
import { rewriteInSteps } from './rewrite';
import { createMeasurements } from './measure';

/** Phase 1: the Analysis without the rewrite; fixable size findings' `savingsBytes` are null. */
export type QuickAnalysis = Omit<Analysis, 'rewrite'>;

/**
 * An analysis under way: phase 1 done, phase 2 as steps (each one measurement: a finding's saving,
 * a re-run of the rules or one step of the rewrite).
 */
export interface PhasedAnalysis {
  quick: QuickAnalysis;
  /** Each `next()` does one unit of phase 2; the last returns the full Analysis. */
  rest: Generator<void, Analysis, void>;
}

export function emptyEstimate(): Estimate {
  return { uncompressedBytes: 0, compressedBytes: 0, confidence: 'low', layers: [] };
}

/** A well-formed Analysis carrying only syntax errors: for input we cannot or will not analyze. */
export function errorAnalysis(text: string, message: string, line = 1): Analysis {
  return {
    schemaVersion: SCHEMA_VERSION,
    engineVersion: ENGINE_VERSION,
    rulesVersion: RULES_VERSION,
    syntaxErrors: [{ line, column: 1, message }],
    stages: [],
    estimate: emptyEstimate(),
    findings: [],
    rewrite: { dockerfile: text, dockerignore: null, estimate: emptyEstimate(), steps: [] },
    instructions: [],
  };
}

/** The full Analysis (both phases). */
export async function analyze(text: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  const started = now();
  if (rejectInput(text, options) === null) await ensureShellParser();
  return { ...finish(startAnalysis(text, options).rest), timingMs: now() - started };
}

/** Phase 1 alone: stages, estimate, layers and findings, no rewrite. */
export async function analyzeQuick(text: string, options: AnalyzeOptions = {}): Promise<QuickAnalysis> {
  const started = now();
  if (rejectInput(text, options) === null) await ensureShellParser();
  return { ...startAnalysis(text, options).quick, timingMs: now() - started };
}

/** The synchronous core, once the shell parser is ready (benchmarks and the rewriter use it). */
export function analyzeSync(text: string, options: AnalyzeOptions = {}): Analysis {
  return finish(startAnalysis(text, options).rest);
}

/**
 * Runs phase 1 now and returns phase 2 as steps. Synchronous (the shell parser should be ready:
 * `ensureShellParser()`) and total: input that is not analyzed, or an internal error, gives an
 * Analysis with one syntax error, in both phases.
 */
export function startAnalysis(text: string, options: AnalyzeOptions = {}): PhasedAnalysis {
  const rejected = rejectInput(text, options);
  if (rejected) return settled(rejected);
  try {
    return phases(text, options);
  } catch (error) {
    return settled(errorAnalysis(text, `Internal error while analyzing: ${describe(error)}`));
  }
}

function settled(analysis: Analysis): PhasedAnalysis {
  function* rest(): Generator<void, Analysis, void> {
    return analysis;
  }
  return { quick: withoutRewrite(analysis), rest: rest() };
}

function phases(text: string, options: AnalyzeOptions): PhasedAnalysis {
  const opts = resolveOptions(options);
  const model = parseDockerfile(text);
  const stages = createStageMemo();
  const estimate = estimateImage(model, opts, undefined, stages);
  const silenced: SilencedFinding[] = [];
  const outcomes = runRules(model, opts, estimate, { skipSavings: true, silenced });
  const quick: QuickAnalysis = {
    schemaVersion: SCHEMA_VERSION,
    engineVersion: ENGINE_VERSION,
    rulesVersion: RULES_VERSION,
    syntaxErrors: model.syntaxErrors,
    stages: summarizeStages(model),
    estimate,
    findings: outcomes.map((o) => o.finding),
    instructions: summarizeInstructions(model),
    baseAlternatives: baseAlternatives(model),
    ...(silenced.length ? { silencedFindings: silenced } : {}),
  };
  function* rest(): Generator<void, Analysis, void> {
    // Phase 2 fills in the findings' savings: it works on copies, so `quick` stays as it was sent.
    const phase2 = outcomes.map((o) => ({ ...o, finding: { ...o.finding } }));
    let rewrite: Rewrite;
    try {
      const measured = createMeasurements({ model, opts, estimate, stages });
      yield* savingsSteps(model, opts, estimate, phase2, (t, o) => measured.estimate(t, o));
      yield;
      rewrite = yield* rewriteInSteps(model, phase2, opts, estimate, measured);
    } catch (error) {
      return errorAnalysis(text, `Internal error while analyzing: ${describe(error)}`);
    }
    const { instructions, baseAlternatives: alternatives, ...head } = quick;
    // The fields in the schema's order (the CLI prints this object as it is).
    return {
      ...head,
      findings: phase2.map((o) => o.finding),
      rewrite,
      instructions,
      baseAlternatives: alternatives,
    };
  }
  return { quick, rest: rest() };
}

/** Runs the remaining steps of phase 2 and returns the full Analysis. */
export function finish(rest: Generator<void, Analysis, void>): Analysis {
  for (;;) {
    const step = rest.next();
    if (step.done) return step.value;
  }
}

/** An Analysis for input that is not analyzed at all (not text, over the size cap), else null. */
function rejectInput(text: unknown, options: AnalyzeOptions): Analysis | null {
  if (typeof text !== 'string') return errorAnalysis('', 'The input is not text.');
  const maxChars = options?.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  if (text.length > maxChars) {
    return errorAnalysis(
      '',
      `The Dockerfile is ${text.length.toLocaleString('en')} characters long; the playground analyzes at most ${maxChars.toLocaleString('en')}. Real Dockerfiles are far smaller: check that the right file was pasted.`,
    );
  }
  return null;
}

export function withoutRewrite(analysis: Analysis): QuickAnalysis {
  const { rewrite: _rewrite, ...quick } = analysis;
  return quick;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
