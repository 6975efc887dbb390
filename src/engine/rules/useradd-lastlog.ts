// other: useradd with a high UID and without -l bloats /var/log/lastlog (DL3046).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { insertAfterArg, isRun, makeFix, allRuns } from './util';

export const rule: Rule = {
  meta: {
    id: 'useradd-lastlog',
    technique: 'other',
    severity: 'warning',
    title: 'Use `useradd -l` with a high UID',
    hadolint: ['DL3046'],
    buildChecks: [],
    references: [DOCS.user, hadolintRule('DL3046')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports `useradd -u <uid>` with a UID above 65535 and without `-l` / `--no-log-init`.',
    whyItMatters:
      'useradd reserves a record for the new UID in the sparse files `/var/log/lastlog` and `/var/log/faillog`. Layers do not keep sparse files sparse, so a UID of 1000000 turns them into hundreds of megabytes of zeros in the image. `-l` skips those files.',
    before: String.raw`FROM debian:bookworm-slim
RUN useradd -u 1000000 app
`,
    after: String.raw`FROM debian:bookworm-slim
RUN useradd -l -u 1000000 app
`,
    fixSafety: 'Safe: `-l` only skips the login-record databases, which containers do not use.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run) || !run.shell) continue;
      for (const cmd of run.shell.commands) {
        if (cmd.name !== 'useradd') continue;
        if (
          cmd.args.some(
            (a) => a === '-l' || a === '--no-log-init' || (/^-[a-zA-Z]*$/.test(a) && a.includes('l')),
          )
        )
          continue;
        let uid: number | null = null;
        cmd.args.forEach((a, i) => {
          if ((a === '-u' || a === '--uid') && /^\d+$/.test(cmd.args[i + 1] ?? ''))
            uid = Number(cmd.args[i + 1]);
          const m = /^(?:--uid=|-u)(\d+)$/.exec(a);
          if (m) uid = Number(m[1]);
        });
        if (uid === null || uid <= 65535) continue;
        out.push({
          span: run.span,
          message: `useradd with UID ${uid} and without -l fills /var/log/lastlog and faillog with zeros (large in a layer); add -l.`,
          fix: makeFix('Add -l', 'safe', [insertAfterArg(model, run, cmd, -1, '-l')]),
        });
      }
    }
    return out;
  },
};
