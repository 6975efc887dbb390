// The engine's one entry point: text + options → Analysis (plain JSON). Never throws.
import { SCHEMA_VERSION } from './types';
import type { Analysis, AnalyzeOptions, Estimate } from './types';
import { ENGINE_VERSION, RULES_VERSION } from './version';
import { parseDockerfile, ensureShellParser } from './parse';
import { resolveOptions, DEFAULT_MAX_INPUT_CHARS } from './options';
import { summarizeStages, summarizeInstructions } from './summary';
import { estimateImage, baseAlternatives } from './size';
import { runRules } from './rules/run';
import { rewriteDockerfile } from './rewrite';

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

export async function analyze(text: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  const started = now();
  if (typeof text !== 'string') return errorAnalysis('', 'The input is not text.');
  const maxChars = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  if (text.length > maxChars) {
    return errorAnalysis(
      '',
      `The Dockerfile is ${text.length.toLocaleString('en')} characters long; the playground analyzes at most ${maxChars.toLocaleString('en')}. Real Dockerfiles are far smaller: check that the right file was pasted.`,
    );
  }
  try {
    await ensureShellParser();
    return { ...analyzeSync(text, options), timingMs: now() - started };
  } catch (error) {
    return errorAnalysis(text, `Internal error while analyzing: ${describe(error)}`);
  }
}

/** The synchronous core, once the shell parser is ready (benchmarks and the rewriter use it). */
export function analyzeSync(text: string, options: AnalyzeOptions = {}): Analysis {
  const opts = resolveOptions(options);
  const model = parseDockerfile(text);
  const estimate = estimateImage(model, opts);
  const findings = runRules(model, opts, estimate);
  const rewrite = rewriteDockerfile(model, findings, opts, estimate);
  return {
    schemaVersion: SCHEMA_VERSION,
    engineVersion: ENGINE_VERSION,
    rulesVersion: RULES_VERSION,
    syntaxErrors: model.syntaxErrors,
    stages: summarizeStages(model),
    estimate,
    findings: findings.map((f) => f.finding),
    rewrite,
    instructions: summarizeInstructions(model),
    baseAlternatives: baseAlternatives(model),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
