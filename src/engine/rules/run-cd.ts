// correctness: `cd` inside RUN instead of WORKDIR (DL3003).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { effects, perRun } from './util';

export const rule: Rule = {
  meta: {
    id: 'run-cd',
    technique: 'correctness',
    severity: 'info',
    title: 'Use WORKDIR to change directory',
    hadolint: ['DL3003'],
    buildChecks: [],
    references: [DOCS.workdir, hadolintRule('DL3003')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports `cd <dir>` at the top level of a RUN.',
    whyItMatters:
      'A `cd` lasts only until the end of its RUN; the next instruction starts in the WORKDIR again, which surprises readers and breaks when RUNs are split or merged. WORKDIR states the directory for every later instruction and creates it if needed.',
    before: String.raw`FROM python:3.12-slim
RUN cd /app && pip install --no-cache-dir -r requirements.txt
`,
    after: String.raw`FROM python:3.12-slim
WORKDIR /app
RUN pip install --no-cache-dir -r requirements.txt
`,
    fixSafety:
      'Reported, not fixed: a WORKDIR also changes the directory of every later instruction, and the `cd` may be meant only for this RUN.',
    whenNotToUse:
      'A short detour inside one RUN (`cd /tmp && ... && cd -`, building a source tarball) is fine; ignore the rule there.',
  },
  check({ model }) {
    return perRun(model, (run) => {
      const chdirs = effects(run, 'chdir');
      // A detour into a scratch folder (mktemp -d, /tmp/…) is not a working folder to keep.
      const fromEffect = chdirs.find((e) => !e.temporary && !run.shell.commands[e.command]?.nested);
      const cmd = fromEffect
        ? run.shell.commands[fromEffect.command]
        : chdirs.length
          ? undefined
          : run.shell.commands.find((c) => c.name === 'cd' && !c.nested && c.args.length > 0);
      if (!cmd) return;
      return {
        span: run.span,
        message: `\`${cmd.text.trim()}\` changes directory for this RUN only; use WORKDIR ${cmd.args[0] ?? ''} to set it for the instructions that follow.`,
      };
    });
  },
};
