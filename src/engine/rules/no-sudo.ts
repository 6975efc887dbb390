// correctness: sudo in RUN (DL3004).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { argRange, makeFix, nameRange, perRun } from './util';

export const rule: Rule = {
  meta: {
    id: 'no-sudo',
    technique: 'correctness',
    severity: 'warning',
    title: 'Do not use sudo in RUN',
    hadolint: ['DL3004'],
    buildChecks: [],
    references: [DOCS.user, hadolintRule('DL3004')],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes: 'Reports `sudo` in a RUN.',
    whyItMatters:
      'Build steps run as root unless a USER says otherwise, so sudo is unnecessary; when a USER is set, sudo must be installed and configured in the image, which leaves a privilege-escalation path in production. Switch with `USER root` … `USER app` around the steps that need it.',
    before: String.raw`FROM debian:bookworm-slim
RUN sudo mkdir -p /data
`,
    after: String.raw`FROM debian:bookworm-slim
RUN mkdir -p /data
`,
    fixSafety:
      'Unsafe: removing `sudo` is right when the RUN runs as root (no USER before it), but wrong after a `USER` switch; add `USER root` before the RUN then.',
    whenNotToUse: 'Never in a production image.',
  },
  check({ model }) {
    return perRun(model, (run) => {
      const cmd = run.shell.commands.find((c) => c.name === 'sudo');
      if (!cmd) return;
      const name = nameRange(model, run, cmd);
      const firstArg = cmd.args.length ? argRange(model, run, cmd, 0) : null;
      const fix =
        name && firstArg && !cmd.args[0].startsWith('-')
          ? makeFix(
              'Remove sudo',
              'unsafe',
              [{ start: name.start, end: firstArg.start, text: '' }],
              ['Only right when the RUN runs as root.'],
            )
          : null;
      return {
        span: run.span,
        message: `\`${cmd.text.trim()}\`: build steps already run as root; sudo is not needed and should not be in the image.`,
        fix,
      };
    });
  },
};
