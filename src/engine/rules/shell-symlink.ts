// correctness: replacing /bin/sh with a symlink instead of using SHELL (DL4005).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { allRuns, isRun } from './util';

export const rule: Rule = {
  meta: {
    id: 'shell-symlink',
    technique: 'correctness',
    severity: 'warning',
    title: 'Use SHELL instead of relinking /bin/sh',
    hadolint: ['DL4005'],
    buildChecks: [],
    references: [DOCS.shell, hadolintRule('DL4005')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports `ln -s ... /bin/sh` (replacing the system shell with a symlink).',
    whyItMatters:
      'Relinking /bin/sh changes the shell for every script in the image, including the distribution’s own maintainer scripts that expect dash or ash. The SHELL instruction changes only the shell that runs the Dockerfile’s RUN commands.',
    before: String.raw`FROM debian:bookworm-slim
RUN ln -sf /bin/bash /bin/sh
`,
    after: String.raw`FROM debian:bookworm-slim
SHELL ["/bin/bash", "-c"]
`,
    fixSafety: 'Reported, not fixed.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run) || !run.shell) continue;
      const cmd = run.shell.commands.find((c) => c.name === 'ln' && c.args[c.args.length - 1] === '/bin/sh');
      if (cmd)
        out.push({
          span: run.span,
          message: `\`${cmd.text.trim()}\` replaces /bin/sh for the whole image; use SHELL to change the shell of RUN.`,
        });
    }
    return out;
  },
};
