// other: commands that make no sense in a build (DL3001).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isRun, allRuns } from './util';

const POINTLESS = new Set([
  'ssh',
  'vim',
  'vi',
  'nano',
  'shutdown',
  'reboot',
  'service',
  'systemctl',
  'ps',
  'free',
  'top',
  'htop',
  'kill',
  'mount',
  'ifconfig',
]);

export const rule: Rule = {
  meta: {
    id: 'pointless-commands',
    technique: 'other',
    severity: 'info',
    title: 'Avoid interactive and system commands in RUN',
    hadolint: ['DL3001'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3001')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports RUN commands that are interactive or manage a running system: ssh, vim, nano, shutdown, service, systemctl, ps, top, free, kill, mount, ifconfig.',
    whyItMatters:
      'A build step has no terminal and no running services: `service nginx start` starts nothing that survives the RUN, an editor waits forever, `mount` needs privileges the build does not have. The command is a leftover or a misunderstanding of how images work.',
    before: String.raw`FROM nginx:1.27-alpine
RUN service nginx start
`,
    after: String.raw`FROM nginx:1.27-alpine
CMD ["nginx", "-g", "daemon off;"]
`,
    fixSafety: 'Reported, not fixed.',
    whenNotToUse:
      'Scripts that test a service during the build (start, probe, stop in one RUN) are a legitimate exception.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run) || !run.shell) continue;
      const cmd = run.shell.commands.find((c) => POINTLESS.has(c.name));
      if (!cmd) continue;
      out.push({
        span: run.span,
        message: `\`${cmd.text.trim()}\` does nothing useful during a build: there is no terminal and no running system.`,
      });
    }
    return out;
  },
};
