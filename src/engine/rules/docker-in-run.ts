// correctness: a RUN that calls the docker CLI (or docker-compose): there is no Docker daemon
// inside a build step, so `docker build/run/pull` fails there.
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { effects, isRun } from './util';

export const rule: Rule = {
  meta: {
    id: 'docker-in-run',
    technique: 'correctness',
    severity: 'error',
    title: 'No Docker daemon during a build step',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.run, DOCS.multiStage],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports a RUN that calls `docker` or `docker-compose` to build, run or pull images.',
    whyItMatters:
      'A RUN executes inside a build container that has no Docker daemon (and no /var/run/docker.sock): `docker build`, `docker run` or `docker pull` there fails with "Cannot connect to the Docker daemon". To use another image\'s files, copy them with `COPY --from=<image>`; to build several images, use stages of one Dockerfile (`--target`) or Bake; to run a service during the build, run it in the RUN itself.',
    before: String.raw`FROM docker:27-cli
RUN docker pull redis:7
`,
    after: String.raw`FROM docker:27-cli
COPY --from=redis:7 /usr/local/bin/redis-server /usr/local/bin/redis-server
`,
    fixSafety: 'Reported only, not fixed: what the command was meant to do decides the replacement.',
    whenNotToUse:
      'When the RUN mounts a daemon socket on purpose (`RUN --mount=type=bind,source=/var/run/docker.sock,...` with a builder that allows it); rare and not portable.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of model.instructions) {
      if (!isRun(run) || !run.shell) continue;
      if (run.mounts.some((m) => /docker\.sock/.test(`${m.source ?? ''} ${m.target ?? ''}`))) continue;
      // The parser's needs-daemon effect says which commands talk to a Docker daemon (dockerd
      // itself starts one: not what this rule reports).
      const needs = effects(run, 'needs-daemon').find((e) => e.daemon === 'docker' && !e.starts);
      const cmd = needs && run.shell.commands[needs.command];
      if (!cmd) continue;
      out.push({
        span: run.span,
        message: `\`${cmd.text.trim().slice(0, 80)}\` needs a Docker daemon, which a build step does not have: it fails with "Cannot connect to the Docker daemon". Use COPY --from=<image> or a build stage instead.`,
      });
    }
    return out;
  },
};
