// correctness: whole-system upgrades in RUN (DL3005 retired, DL3035 zypper dist-upgrade).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isRun, allRuns } from './util';

function upgradeOf(name: string, args: string[]): { what: string; alias: string | null } | null {
  const sub = args.find((a) => !a.startsWith('-'));
  if (
    (name === 'apt-get' || name === 'apt') &&
    (sub === 'upgrade' || sub === 'dist-upgrade' || sub === 'full-upgrade')
  )
    return { what: `${name} ${sub}`, alias: 'DL3005' };
  if (name === 'apk' && sub === 'upgrade') return { what: 'apk upgrade', alias: null };
  if (
    (name === 'yum' || name === 'dnf' || name === 'microdnf') &&
    (sub === 'update' || sub === 'upgrade') &&
    args.filter((a) => !a.startsWith('-')).length === 1
  )
    return { what: `${name} ${sub}`, alias: null };
  if (name === 'zypper' && (sub === 'dist-upgrade' || sub === 'dup'))
    return { what: `zypper ${sub}`, alias: 'DL3035' };
  if (
    name === 'zypper' &&
    (sub === 'update' || sub === 'up') &&
    args.filter((a) => !a.startsWith('-')).length === 1
  )
    return { what: `zypper ${sub}`, alias: null };
  return null;
}

export const rule: Rule = {
  meta: {
    id: 'os-package-upgrade',
    technique: 'correctness',
    severity: 'info',
    title: 'Prefer a newer base image to upgrading every package',
    hadolint: ['DL3005', 'DL3035'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3035')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports `apt-get upgrade` / `dist-upgrade`, `apk upgrade`, a bare `yum update` / `dnf upgrade` and `zypper dist-upgrade` / `update`.',
    whyItMatters:
      'Upgrading everything makes the result depend on the day of the build, duplicates every upgraded file of the base image into a new layer (the old copies still ship underneath), and can pull in a new distribution release. A newer tag or digest of the base image gives the same fixes without the extra layer.',
    before: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
`,
    after: String.raw`FROM debian:bookworm-20250113-slim
`,
    fixSafety: 'Reported, not fixed: choosing a newer base tag is yours.',
    whenNotToUse:
      'When a critical security fix is not yet in any published base image, an upgrade of that one package (`apt-get install --only-upgrade openssl`) is a reasonable stopgap.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run) || !run.shell) continue;
      for (const cmd of run.shell.commands) {
        const up = upgradeOf(cmd.name, cmd.args);
        if (!up) continue;
        out.push({
          span: run.span,
          message: `${up.what} upgrades every package at build time: the result depends on the build day and upgraded files are stored twice. Use a newer base image tag instead.`,
          aliases: up.alias ? [up.alias] : [],
        });
        break;
      }
    }
    return out;
  },
};
