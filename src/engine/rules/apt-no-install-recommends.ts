// package-cache: apt-get install pulls "Recommends" packages unless told not to (DL3015).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { commandOf, insertAfterArg, installs, makeFix, perRun } from './util';

export const rule: Rule = {
  meta: {
    id: 'apt-no-install-recommends',
    technique: 'package-cache',
    severity: 'info',
    title: 'Use `--no-install-recommends` with apt-get install',
    hadolint: ['DL3015'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3015')],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes: 'Reports `apt-get install` without `--no-install-recommends` in a stage that ships.',
    whyItMatters:
      'By default apt also installs every package the requested ones merely recommend: documentation, optional helpers, sometimes whole toolchains. In a container these are rarely used, and they can double the size of an install (and its list of possible vulnerabilities).',
    before: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y python3=3.11.2-1+b1 && rm -rf /var/lib/apt/lists/*
`,
    after: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y python3=3.11.2-1+b1 && rm -rf /var/lib/apt/lists/*
`,
    fixSafety:
      'Unsafe: some programs need what their packages only recommend. The classic case is `curl` or `wget` without `ca-certificates`, which then fails on every HTTPS URL. The fix inserts the flag after `install`; check that the image still works, and add the missing packages by name.',
    whenNotToUse:
      'When the recommended packages are what you want (a desktop-like development image), or in builder stages that do not ship (they are not reported).',
  },
  check({ model }) {
    return perRun(
      model,
      (run) =>
        installs(run, ['apt'])
          .filter((e) => !e.noRecommends && e.packages.length > 0)
          .map((e) => {
            const cmd = commandOf(run, e.command);
            const names = e.packages.map((p) => p.name);
            return {
              span: run.span,
              message: `apt-get install ${names.slice(0, 4).join(' ')}${names.length > 4 ? ' …' : ''} also installs every recommended package; add --no-install-recommends.`,
              fix: cmd
                ? makeFix(
                    'Add --no-install-recommends',
                    'unsafe',
                    [insertAfterArg(model, run, cmd, cmd.args.indexOf('install'), '--no-install-recommends')],
                    [
                      'Packages that were only recommended (e.g. ca-certificates for curl) are no longer installed.',
                    ],
                  )
                : null,
            };
          }),
      { shipped: true },
    );
  },
};
