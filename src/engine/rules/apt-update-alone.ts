// layer-merge: `apt-get update` alone in its RUN: a cached, stale index for later installs.
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { effects, isRun, makeFix, mergeRunsEdit } from './util';
import { OS_MANAGERS } from '../model';

export const rule: Rule = {
  meta: {
    id: 'apt-update-alone',
    technique: 'layer-merge',
    severity: 'warning',
    title: 'Run the package index update in the same RUN as the install',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.bestPractices],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports a RUN whose only job is refreshing an OS package index (`apt-get update`, `apk update`, `yum makecache`, ...) without installing anything.',
    whyItMatters:
      'The build cache reuses that layer as long as its text does not change, so a later `apt-get install` line that you edit runs against the index of the day the layer was first built: packages fail to download or old versions get installed. The layer also ships the index files. Update and install belong in one RUN.',
    before: String.raw`FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
`,
    after: String.raw`FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
`,
    fixSafety:
      'Safe when the next instruction is a RUN without flags: it is joined to the update with `&&`, unchanged. Otherwise reported without a fix.',
    whenNotToUse:
      'There is hardly a reason to keep it: a RUN that only updates the index produces a layer nobody needs.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of model.instructions) {
      if (!isRun(run) || !run.shell) continue;
      const updates = effects(run, 'package-index-update').filter((e) => OS_MANAGERS.has(e.manager));
      if (updates.length === 0) continue;
      if (run.shell.effects.some((e) => e.kind === 'package-install' || e.kind === 'package-remove'))
        continue;
      if (run.shell.effects.some((e) => e.kind === 'build' || e.kind === 'download')) continue;
      const next = model.instructions[run.index + 1];
      const fix =
        next && isRun(next)
          ? makeFix('Join the update to the next RUN', 'safe', [mergeRunsEdit(model, run, next)])
          : null;
      const cmd = run.shell.commands[updates[0].command];
      out.push({
        span: run.span,
        message: `\`${cmd ? cmd.text.trim() : 'update'}\` runs alone: its layer is cached, so later installs use a stale package index. Update and install in one RUN.`,
        fix,
      });
    }
    return out;
  },
};
