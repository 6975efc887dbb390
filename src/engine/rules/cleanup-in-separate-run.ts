// layer-merge: a RUN that only deletes things saves nothing; layers are additive.
import type { Rule } from './types';
import type { RunInstruction } from '../model';
import { DOCS } from './refs';
import { effects, isRun, makeFix, mergeRunsEdit, perRun, stageLabel } from './util';

const WORK = ['package-install', 'build', 'download', 'extract', 'user-add', 'package-index-update'];

export const rule: Rule = {
  meta: {
    id: 'cleanup-in-separate-run',
    technique: 'layer-merge',
    severity: 'warning',
    title: 'Clean up in the same RUN that created the files',
    hadolint: [],
    buildChecks: [],
    references: [
      DOCS.bestPractices,
      'https://docs.docker.com/get-started/docker-concepts/building-images/understanding-image-layers/',
    ],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports a RUN in a stage that ships whose only work is deleting files or caches (`rm -rf`, `apt-get clean`, package removal) — cleanup that runs in its own layer.',
    whyItMatters:
      'An image is a stack of layers, and each layer only records changes. Deleting a file in a later layer hides it but the earlier layer still carries every byte, so the image does not get smaller at all. The deletion must happen in the same RUN that created the files.',
    before: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12
RUN rm -rf /var/lib/apt/lists/*
`,
    after: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \
    && rm -rf /var/lib/apt/lists/*
`,
    fixSafety:
      'Safe when the cleanup RUN directly follows the RUN it cleans up after: the cleanup commands are joined to it with `&&`, unchanged and in the same order. Otherwise the finding is reported without a fix: move the cleanup by hand into the RUN that creates the files.',
    whenNotToUse:
      'Deleting files in a later RUN can still be right in a builder stage (it does not ship) or to remove something a base image brought along — though that saves nothing either; only a different base does.',
  },
  check({ model }) {
    return perRun(
      model,
      (run, stage) => {
        const shell = run.shell;
        if (shell.commands.length === 0 || run.flags.length > 0) return null;
        const cleanups = [
          ...effects(run, 'cache-clean'),
          ...effects(run, 'remove'),
          ...effects(run, 'package-remove'),
        ];
        if (cleanups.length === 0) return null;
        if (shell.effects.some((e) => WORK.includes(e.kind))) return null;
        // Every command must be cleanup (rm, apt-get clean, ...), not other work.
        const cleanupCommands = new Set(cleanups.map((e) => e.command));
        if (shell.commands.some((c, i) => !cleanupCommands.has(i) && !/^(set|true|:)$/.test(c.name)))
          return null;
        const prev = model.instructions[run.index - 1];
        const fix =
          prev && isRun(prev)
            ? makeFix('Join the cleanup to the RUN before it', 'safe', [
                mergeRunsEdit(model, prev as RunInstruction, run),
              ])
            : null;
        const paths = cleanups.flatMap((e) => ('paths' in e ? e.paths : e.packages.map((p) => p.name)));
        return {
          span: run.span,
          message: `This RUN only deletes (${paths.slice(0, 3).join(', ') || 'files'}) in its own layer of ${stageLabel(stage)}: the files stay in the earlier layer, so the image does not shrink.`,
          fix,
        };
      },
      { shipped: true },
    );
  },
};
