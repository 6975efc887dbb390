// layer-merge: long runs of consecutive RUN instructions in a stage that ships (DL3059).
import type { Rule, RuleReport } from './types';
import type { RunInstruction } from '../model';
import { DOCS, hadolintRule } from './refs';
import { isRun, joinSpans, makeFix, mergeRunsEdit, shippedStages, stageLabel } from './util';

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
    const out: RuleReport[] = [];
    const shipped = shippedStages(model);
    for (const stage of model.stages) {
      if (!shipped.has(stage.index)) continue;
      let group: RunInstruction[] = [];
      let groupFlags = '';
      const flush = () => {
        if (group.length >= MIN_GROUP) {
          const edits = group.slice(1).map((r, i) => mergeRunsEdit(model, group[i], r));
          out.push({
            span: joinSpans(group[0].span, group[group.length - 1].span),
            message: `${group.length} consecutive RUN instructions (lines ${group[0].span.line}–${group[group.length - 1].span.line}) in ${stageLabel(stage)} make ${group.length} layers; consider one RUN.`,
            fix: makeFix(`Merge ${group.length} RUNs into one`, 'unsafe', edits, [
              'A cd, export or set in an earlier RUN now also affects the later commands.',
            ]),
          });
        }
        group = [];
      };
      for (const ins of stage.instructions) {
        if (!isRun(ins) || !joinable(ins)) {
          flush();
          continue;
        }
        if (group.length > 0 && flagsOf(ins) !== groupFlags) flush();
        if (group.length === 0) groupFlags = flagsOf(ins);
        group.push(ins);
      }
      flush();
    }
    return out;
  },
};
