// layer-merge: long runs of consecutive RUN instructions in a stage that ships (DL3059).
import type { Rule, RuleReport } from './types';
import type { DockerfileModel, RunInstruction, Stage } from '../model';
import { DOCS, hadolintRule } from './refs';
import { foldStages, isRun, joinSpans, makeFix, mergeRunsEdit, stageLabel } from './util';

/** Two RUNs in a row already make a layer that one RUN would not. */
export const MIN_GROUP = 2;

/** A RUN that can join its neighbours: one command (a RUN that already chains is a deliberate step), no heredoc. */
function joinable(run: RunInstruction): boolean {
  return run.heredocs.length === 0 && (run.shell?.commands.length ?? 0) <= 1;
}

/** RUNs with different flags (mounts, network, security) cannot share one instruction. */
const flagsOf = (run: RunInstruction) => run.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');

export const rule: Rule = {
  meta: {
    id: 'consecutive-run',
    technique: 'layer-merge',
    severity: 'info',
    title: 'Merge consecutive RUN instructions',
    hadolint: ['DL3059'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3059')],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes: `Reports ${MIN_GROUP} or more RUN instructions in a row (comments between them do not count) with the same flags, each running one command, in a stage that ships.`,
    whyItMatters:
      'Every RUN makes a layer. Many small layers cost a little metadata each, and — more importantly — files one RUN creates and a later RUN deletes stay in the image. One RUN per logical step (install, build, cleanup together) keeps the image lean and the history readable.',
    before: String.raw`FROM debian:bookworm-slim
RUN useradd --create-home app
RUN mkdir -p /data
RUN chown app /data
`,
    after: String.raw`FROM debian:bookworm-slim
RUN useradd --create-home app \
    && mkdir -p /data \
    && chown app /data
`,
    fixSafety:
      'Unsafe: joining RUNs with `&&` keeps their commands and order, but a `cd`, `export` or `set -e` in an earlier RUN now also applies to the later commands, and the build cache is invalidated as one unit. Offered, off by default. Not offered when comments sit between the RUNs or the RUNs have flags.',
    whenNotToUse:
      'In builder stages (not reported: their layers do not ship), or when separate layers speed up rebuilds because an expensive early step rarely changes. A RUN that already chains commands (`&&`, `;`) is taken as a deliberate step and ends a group, as in hadolint.',
  },
  check({ model }) {
    // The run of joinable RUNs (with the same flags) still open in the stage.
    return foldStages(
      model,
      {
        start: (): RunGroup => ({ runs: [], flags: '' }),
        step(group, ins, stage) {
          if (!isRun(ins) || !joinable(ins)) return close(model, group, stage);
          const report =
            group.runs.length > 0 && flagsOf(ins) !== group.flags ? close(model, group, stage) : null;
          if (group.runs.length === 0) group.flags = flagsOf(ins);
          group.runs.push(ins);
          return report;
        },
        end: (group, stage) => close(model, group, stage),
      },
      { shipped: true },
    );
  },
};

interface RunGroup {
  runs: RunInstruction[];
  flags: string;
}

/** Ends the group: a report when it is long enough to merge, else null. */
function close(model: DockerfileModel, group: RunGroup, stage: Stage): RuleReport | null {
  const runs = group.runs;
  group.runs = [];
  if (runs.length < MIN_GROUP) return null;
  const edits = runs.slice(1).map((r, i) => mergeRunsEdit(model, runs[i], r));
  return {
    span: joinSpans(runs[0].span, runs[runs.length - 1].span),
    message: `${runs.length} consecutive RUN instructions (lines ${runs[0].span.line}–${runs[runs.length - 1].span.line}) in ${stageLabel(stage)} make ${runs.length} layers; consider one RUN.`,
    fix: makeFix(`Merge ${runs.length} RUNs into one`, 'unsafe', edits, [
      'A cd, export or set in an earlier RUN now also affects the later commands.',
    ]),
  };
}
