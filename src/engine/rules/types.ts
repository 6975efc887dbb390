// Rule anatomy (DESIGN.md, STYLE.md): one file per rule exporting one `Rule` object.
import type { ContextAssumptions, FixSafety, LintSettings, Severity, Technique } from '../types';
import type { DockerfileModel, Span } from '../model';
import type { BaseImageLookup } from '../size/types';

export interface RuleMeta {
  /** Stable kebab-case id; also the Learn page's slug. */
  id: string;
  technique: Technique;
  severity: Severity;
  title: string;
  /** hadolint ids (DLxxxx, SCxxxx) this rule corresponds to; their ignore pragmas apply. */
  hadolint: string[];
  /** Docker build-check names (e.g. 'JSONArgsRecommended'). */
  buildChecks: string[];
  /** Links to Docker docs and other references. */
  references: string[];
  /** 'always' | 'sometimes' | 'never' fixable, and the safety of the fix when there is one. */
  fixable: 'always' | 'sometimes' | 'never';
  fixSafety: FixSafety | null;
}

/** The Learn page and the docs reference are generated from these sections. */
export interface RuleDocs {
  whatItDoes: string;
  whyItMatters: string;
  /** A Dockerfile that triggers exactly one finding of this rule. */
  before: string;
  /** The fix applied to `before`, character for character; triggers none. */
  after: string;
  fixSafety: string;
  whenNotToUse: string;
  /** The lint settings `before` and `after` are checked with, for rules that need a configuration. */
  settings?: LintSettings;
}

export interface TextEdit {
  start: number; // offset into the analyzed text
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /** Caveats a person should read before taking the fix (behaviour that may change). */
  caveats?: string[];
  /** (additive) What the fix does, in full, for the rewrite step (defaults to the finding's message). */
  explanation?: string;
  /**
   * (additive) What the final image promises that the fix changes knowingly (its caveats say how):
   * promise names of the rewrite's checks ('cmd', 'entrypoint', 'expose', 'user', 'workdir'...).
   */
  changes?: string[];
  /** (additive) The ecosystem of a whole-file restructuring (a multi-stage synthesis). */
  ecosystem?: string;
  /** (additive) Why the fix cannot be shown safe: the rewrite lists it as withheld, never applies it. */
  withheld?: string;
}

export interface RuleReport {
  span: Span;
  message: string;
  fix?: Fix | null;
  /**
   * (additive) The subset of meta.hadolint / meta.buildChecks this particular finding corresponds
   * to, when a rule covers several (e.g. DL3008 for apt, DL3018 for apk). Defaults to all of them.
   * Ignore pragmas match against this subset.
   */
  aliases?: string[];
  /** (additive) This finding's severity when it differs from the rule's (a suggestion of a warning rule). */
  severity?: Severity;
}

export interface RuleContext {
  model: DockerfileModel;
  bases: BaseImageLookup;
  /** (additive) The build-context assumptions (e.g. whether a .dockerignore exists), when known. */
  context?: ContextAssumptions;
  /** (additive) The lint settings (hadolint's configuration) the rules that need one read. */
  settings?: LintSettings;
}

export interface Rule {
  meta: RuleMeta;
  docs: RuleDocs;
  check(ctx: RuleContext): RuleReport[];
}
