// One analysis's measurements of edited texts: the one owner of phase 2's re-analysis. The savings
// pass (rules/run.ts) and the rewriter measure the same edits (a finding's fix applied to the
// user's text is also the rewrite's first step): a text is parsed once, estimated once per options
// and run through the rules once per options and estimate, whoever asks first; phase 1's own
// parse and estimate are known from the start. Options are keyed by what they say, not by object,
// so two equal option objects share their measurements.
//
// A Measurements lives for one analysis and is never shared between analyses, so nothing measured
// for one text can reach another text's result; the models, estimates and outcomes it hands out are
// read by their callers, never changed.
import type { DockerfileModel } from './model';
import type { ResolvedOptions } from './options';
import type { Estimate } from './types';
import { parseDockerfile } from './parse';
import { createStageMemo, estimateImage, type StageMemo } from './size';
import { runRules, type RuleOutcome } from './rules/run';

/** How much work the measurements did (computed) and saved (asked again). */
export interface MeasureCounts {
  parses: number;
  estimates: number;
  ruleRuns: number;
  /** Requests answered from what was already measured. */
  reused: number;
}

export interface Measurements {
  parse(text: string): DockerfileModel;
  estimate(text: string, opts: ResolvedOptions): Estimate;
  /** The rules on a text, without their savings (the rewriter's re-run after a pass). */
  rules(model: DockerfileModel, opts: ResolvedOptions, estimate: Estimate): RuleOutcome[];
  readonly counts: Readonly<MeasureCounts>;
}

/** What phase 1 measured already: the user's text, its model and estimate under its options. */
export interface Known {
  model: DockerfileModel;
  opts: ResolvedOptions;
  estimate: Estimate;
  /** The stages phase 1 sized on the way (re-used by every edit that leaves them as they were). */
  stages?: StageMemo;
}

export function createMeasurements(known?: Known): Measurements {
  const counts: MeasureCounts = { parses: 0, estimates: 0, ruleRuns: 0, reused: 0 };
  const models = new Map<string, DockerfileModel>();
  /** Estimates by options key, then text. */
  const estimates = new Map<string, Map<string, Estimate>>();
  /** Finished stages by options key: an edit re-sizes only the stages from its own onwards. */
  const stageMemos = new Map<string, StageMemo>();
  const stagesFor = (opts: ResolvedOptions) => {
    const key = optionsKey(opts);
    let memo = stageMemos.get(key);
    if (!memo) stageMemos.set(key, (memo = createStageMemo()));
    return memo;
  };
  /** Rule outcomes by model, then options key; valid for the estimate stored beside them. */
  const outcomes = new WeakMap<DockerfileModel, Map<string, { estimate: Estimate; found: RuleOutcome[] }>>();
  const byText = (opts: ResolvedOptions) => {
    const key = optionsKey(opts);
    let map = estimates.get(key);
    if (!map) estimates.set(key, (map = new Map()));
    return map;
  };
  if (known) {
    models.set(known.model.text, known.model);
    byText(known.opts).set(known.model.text, known.estimate);
    if (known.stages) stageMemos.set(optionsKey(known.opts), known.stages);
  }
  const parse = (text: string): DockerfileModel => {
    let model = models.get(text);
    if (model) counts.reused++;
    else (models.set(text, (model = parseDockerfile(text))), counts.parses++);
    return model;
  };
  return {
    parse,
    estimate(text, opts) {
      const map = byText(opts);
      let estimate = map.get(text);
      if (estimate) counts.reused++;
      else {
        estimate = estimateImage(parse(text), opts, undefined, stagesFor(opts));
        map.set(text, estimate);
        counts.estimates++;
      }
      return estimate;
    },
    rules(model, opts, estimate) {
      let byOpts = outcomes.get(model);
      if (!byOpts) outcomes.set(model, (byOpts = new Map()));
      const key = optionsKey(opts);
      const done = byOpts.get(key);
      // The rules read the estimate too: an outcome is reused only for the same one.
      if (done && done.estimate === estimate) return (counts.reused++, done.found);
      const found = runRules(model, opts, estimate, { skipSavings: true });
      byOpts.set(key, { estimate, found });
      counts.ruleRuns++;
      return found;
    },
    counts,
  };
}

const keys = new WeakMap<ResolvedOptions, string>();

/** Everything the options say, as one string (sets and maps in sorted order). */
export function optionsKey(opts: ResolvedOptions): string {
  let key = keys.get(opts);
  if (key !== undefined) return key;
  const sorted = (s: ReadonlySet<string>) => [...s].sort();
  key = JSON.stringify([
    Object.entries(opts.context).sort(([a], [b]) => (a < b ? -1 : 1)),
    sorted(opts.disabledSteps),
    sorted(opts.enabledSteps),
    sorted(opts.disabledRules),
    sorted(opts.ignoredRules),
    [...opts.severityOverrides].sort(([a], [b]) => (a < b ? -1 : 1)),
    opts.lint,
  ]);
  keys.set(opts, key);
  return key;
}
