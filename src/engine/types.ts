// The Analysis schema v1: the contract between the engine, the UI, the CLI and outside checks.
// Fields may be added; none may be renamed or removed without bumping SCHEMA_VERSION.

export const SCHEMA_VERSION = 1 as const;

export type Confidence = 'high' | 'medium' | 'low';
export type Severity = 'error' | 'warning' | 'info';

/** The fixed technique vocabulary (DESIGN.md): findings and rewrite steps use exactly these words. */
export const TECHNIQUES = [
  'base-image',
  'multi-stage',
  'dev-dependencies',
  'build-tools',
  'package-cache',
  'layer-merge',
  'cache-order',
  'dockerignore',
  'buildkit-cache',
  'pin-version',
  'non-root',
  'healthcheck',
  'secrets',
  'correctness',
  'other',
] as const;
export type Technique = (typeof TECHNIQUES)[number];

export interface SyntaxError {
  line: number; // 1-based
  column: number; // 1-based
  message: string;
}

export interface StageSummary {
  index: number;
  name: string | null;
  /** The base as written, after ARG substitution where it could be resolved. */
  base: string;
  /** The concrete catalog tag the base resolved to, or null when unknown / another stage / scratch. */
  resolvedBase: string | null;
  /** True when the base's exact tag is in the catalog, or it is `scratch` or an earlier stage. */
  known: boolean;
  /** Additive: set when the size comes from another catalog tag than the one written. */
  approximate?: true;
  /** Additive: the catalog tag whose size stands in for the written one (with `approximate`). */
  catalogTag?: string;
  final: boolean;
  startLine: number;
  endLine: number;
}

export interface LayerEstimate {
  stage: number;
  line: number;
  instruction: string;
  uncompressedBytes: number;
  compressedBytes: number;
  confidence: Confidence;
  basis: string;
  // --- additive fields (schema allows additions) ---
  /** What the layer consists of, for the UI ("where the bytes are"). */
  items?: LedgerItemSummary[];
  /** Bytes this layer adds that a later layer of the same stage deletes: still shipped. */
  wastedBytes?: number;
  /** 'base' for the base image's own layers, 'instruction' for layers made by this Dockerfile. */
  kind?: 'base' | 'instruction';
}

export interface LedgerItemSummary {
  kind: string; // e.g. 'apt-lists', 'packages', 'node_modules', 'context', 'toolchain', 'download'
  path: string;
  uncompressedBytes: number;
  compressedBytes: number;
  note?: string;
}

export interface StageEstimate {
  index: number;
  name: string | null;
  final: boolean;
  /** Discarded stages do not ship; their sizes explain what the builder costs, not what ships. */
  discarded: boolean;
  uncompressedBytes: number;
  compressedBytes: number;
}

export interface Estimate {
  uncompressedBytes: number;
  compressedBytes: number;
  confidence: Confidence;
  /** Layers of the final stage (base image layers first). */
  layers: LayerEstimate[];
  // --- additive fields ---
  /** Every stage with its totals; builder stages are marked discarded. */
  stages?: StageEstimate[];
  /** Layers of discarded stages, for the "builder" view. */
  discardedLayers?: LayerEstimate[];
  /** Bytes added by one layer and deleted by a later one: shipped but unreachable. */
  wastedBytes?: number;
  /** The build-context assumptions used, in words, so the user sees what the numbers rest on. */
  assumptions?: string[];
}

export interface Finding {
  ruleId: string;
  technique: Technique;
  severity: Severity;
  line: number;
  endLine: number;
  message: string;
  savingsBytes: number | null;
  fixable: boolean;
  aliases: string[];
  // --- additive fields ---
  title?: string;
  column?: number;
  endColumn?: number;
  fixSafety?: FixSafety;
  /** The rule's fix as edits on the analyzed text (offsets are UTF-16 indices): the editor's quick fix. */
  fix?: { title: string; safety: FixSafety; edits: { start: number; end: number; text: string }[] } | null;
}

export type FixSafety = 'safe' | 'unsafe' | 'display-only';

/** A finding the lint settings' `ignored` list silenced, with the id or alias that matched. */
export interface SilencedFinding extends Finding {
  silencedBy: string;
}

export interface RewriteStep {
  ruleId: string;
  technique: Technique;
  title: string;
  explanation: string;
  savingsBytes: number;
  // --- additive fields ---
  /** Stable id used to switch the step on and off (options.rewrite.disabledSteps). */
  id?: string;
  enabled?: boolean;
  caveats?: string[];
  /**
   * applied: in the rewrite; off: switched off (by default or by the user); withheld: the
   * verifier could not show it safe, so it is not applied and its saving is not counted.
   */
  status?: 'applied' | 'off' | 'withheld';
  /** When withheld: which invariant failed, in words a user understands. */
  withheldReason?: string;
  /** What the verifier changed to keep the step safe (an ENV line, a translated command...). */
  repairs?: string[];
  /** The verifier's invariants the step failed (withheld) or needed a repair for. */
  invariants?: string[];
}

export interface Rewrite {
  dockerfile: string;
  dockerignore: string | null;
  estimate: Estimate;
  steps: RewriteStep[];
  /**
   * (additive) What the verifier finds in the final rewrite measured against the user's file,
   * in words; empty when every invariant holds (the expected case: each step was checked).
   */
  violations?: string[];
}

export interface Analysis {
  schemaVersion: typeof SCHEMA_VERSION;
  engineVersion: string;
  syntaxErrors: SyntaxError[];
  stages: StageSummary[];
  estimate: Estimate;
  findings: Finding[];
  rewrite: Rewrite;
  // --- additive fields ---
  /** Instructions in source order: a light view for the UI (line, keyword, stage). */
  instructions?: InstructionSummary[];
  /** Version of the rule set, carried in permalinks so old links can say "rules changed". */
  rulesVersion?: string;
  /** Time the engine spent, in milliseconds (for the UI's status line and benchmarks). */
  timingMs?: number;
  /** Alternatives to the final stage's base image from the catalog. */
  baseAlternatives?: BaseAlternative[];
  /** Findings silenced by `options.lint.ignored` (absent when none), so a UI can show them. */
  silencedFindings?: SilencedFinding[];
}

export interface InstructionSummary {
  line: number;
  endLine: number;
  keyword: string;
  stage: number;
}

export interface BaseAlternative {
  reference: string;
  uncompressedBytes: number;
  compressedBytes: number;
  deltaBytes: number; // uncompressed, negative = smaller
  libc: string;
  shell: boolean;
  packages: number | null;
  caveats: string[];
}

/** Assumptions about the build context, which a Dockerfile alone cannot reveal. */
export interface ContextAssumptions {
  /** Bytes of source code in the context, excluding node_modules, .git and build outputs. */
  sourceBytes: number;
  /** Whether the context holds a .dockerignore file. */
  hasDockerignore: boolean;
  /** Whether a node_modules folder sits in the context (sent with COPY . . without .dockerignore). */
  hasNodeModules: boolean;
  nodeModulesBytes: number;
  /** Whether the context holds the .git folder. */
  hasGit: boolean;
  gitBytes: number;
}

export interface AnalyzeOptions {
  context?: Partial<ContextAssumptions>;
  rewrite?: {
    /** Ids of rewrite steps the user switched off. */
    disabledSteps?: string[];
    /** Ids of steps that are off by default (unsafe fixes) but the user switched on. */
    enabledSteps?: string[];
  };
  /** Rule ids to turn off entirely. */
  disabledRules?: string[];
  /** Largest input analyzed, in characters; beyond it the result carries a syntax error. */
  maxInputChars?: number;
  /** (additive) Lint settings as in `.hadolint.yaml` (src/engine/config/hadolint-config.ts). */
  lint?: LintSettings;
}

/** hadolint's configuration, as far as the engine applies it. Ids are rule ids or aliases. */
export interface LintSettings {
  /** Rules silenced everywhere (hadolint `ignored`). */
  ignored?: string[];
  /** Severity per rule; `style` maps to info. */
  override?: { error?: string[]; warning?: string[]; info?: string[]; style?: string[] };
  /** Registries FROM images may come from (hadolint DL3026); empty or absent: any. */
  trustedRegistries?: string[];
  /** Required labels and their value types (hadolint DL3049 and the label value rules). */
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
  /** The lowest severity that fails the command line (`none`/`ignore`: never). */
  failureThreshold?: 'error' | 'warning' | 'info' | 'style' | 'ignore' | 'none';
}
