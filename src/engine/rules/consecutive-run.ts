// layer-merge: long runs of consecutive RUN instructions in a stage that ships (DL3059).
import type { Rule, RuleReport } from './types';
import type { RunInstruction } from '../model';
import { DOCS, hadolintRule } from './refs';
import { isRun, joinSpans, makeFix, mergeRunsEdit, shippedStages, stageLabel } from './util';

/** Groups shorter than this are left alone: two RUNs are often clearer than one. */
export const MIN_GROUP = 3;

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
    whatItDoes: `Reports ${MIN_GROUP} or more RUN instructions in a row, without flags, in a stage that ships.`,
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
      'Unsafe: joining RUNs with `&&` keeps their commands and order, but a `cd`, `export` or `set -e` in an earlier RUN now also applies to the later commands, and the build cache is invalidated as one unit. Offered, off by default. Not offered when comments sit between the RUNs.',
    whenNotToUse:
      'In builder stages (not reported: their layers do not ship), or when separate layers speed up rebuilds because an expensive early step rarely changes. Differs from hadolint DL3059: two RUNs in a row are not reported (separate layers for two steps often help caching); the rule starts at three, and RUNs with flags such as mounts are left alone.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    const shipped = shippedStages(model);
    for (const stage of model.stages) {
      if (!shipped.has(stage.index)) continue;
      let group: RunInstruction[] = [];
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
        if (isRun(ins) && ins.flags.length === 0 && ins.heredocs.length === 0) group.push(ins);
        else flush();
      }
      flush();
    }
    return out;
  },
};
