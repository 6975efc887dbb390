// correctness: OS package installs that would prompt (DL3014 apt-get, DL3030 yum, DL3038 dnf, DL3034 zypper).
import type { PackageManager } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { commandOf, insertAfterArg, installs, isRun, makeFix, allRuns } from './util';

const ALIAS: Partial<Record<PackageManager, string>> = {
  apt: 'DL3014',
  yum: 'DL3030',
  dnf: 'DL3038',
  microdnf: 'DL3038',
  zypper: 'DL3034',
};

export const rule: Rule = {
  meta: {
    id: 'missing-assume-yes',
    technique: 'correctness',
    severity: 'warning',
    title: 'Answer yes non-interactively (`-y`) when installing packages',
    hadolint: ['DL3014', 'DL3030', 'DL3034', 'DL3038'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3014')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `apt-get install`, `yum install`, `dnf install`, `microdnf install` and `zypper install` without `-y` (or its long forms).',
    whyItMatters:
      'A build has no terminal to answer the "Do you want to continue?" question. apt-get then aborts as soon as it has to install more than what was named, so the build fails — or works today and fails when a dependency changes.',
    before: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
`,
    after: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*
`,
    fixSafety: 'Safe: `-y` only answers the confirmation question; it is inserted right after `install`.',
    whenNotToUse: 'Never. microdnf is reported like dnf: since version 3.9 it asks for confirmation too.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run)) continue;
      for (const e of installs(run, ['apt', 'yum', 'dnf', 'microdnf', 'zypper'])) {
        const cmd = commandOf(run, e.command);
        // microdnf 3.9 and later ask for confirmation like dnf, so -y is needed there too.
        if (e.assumeYes && e.manager !== 'microdnf') continue;
        // apt-get's quiet level 2 (-qq, -q -q, -q=2) implies -y.
        const quiet = cmd ? cmd.args.filter((a) => a === '-q' || a === '--quiet').length : 0;
        if (cmd && (quiet >= 2 || cmd.args.includes('-q=2'))) continue;
        if (
          cmd &&
          cmd.args.some((a) =>
            /^(-y|--yes|--assume-yes|-qq|--non-interactive|-n|--no-confirm|-[a-z]*y[a-z]*)$/.test(a),
          )
        )
          continue;
        if (cmd && cmd.name === 'apt') continue;
        const sub = cmd
          ? cmd.args.findIndex((a) => a === 'install' || a === 'in' || a === 'reinstall' || a === 'upgrade')
          : -1;
        out.push({
          span: run.span,
          message: `${cmd?.name ?? e.manager} install without -y waits for a confirmation the build cannot give; add -y.`,
          fix:
            cmd && sub >= 0 ? makeFix('Add -y', 'safe', [insertAfterArg(model, run, cmd, sub, '-y')]) : null,
          aliases: ALIAS[e.manager] ? [ALIAS[e.manager]!] : [],
        });
      }
    }
    return out;
  },
};
