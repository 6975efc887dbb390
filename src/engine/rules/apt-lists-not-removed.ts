// package-cache: apt package lists left in a layer that ships (DL3009). Stateful with a final pass:
// only stages whose layers ship (the final stage and the stages it builds FROM) are reported.
import type { DockerfileModel, RunInstruction, Stage } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import {
  appendToRun,
  effects,
  hasCacheMount,
  installs,
  makeFix,
  foldStages,
  runOf,
  stageLabel,
} from './util';

const LISTS = '/var/lib/apt/lists';
/** The image's apt hook that deletes downloaded packages after each install. */
const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';

export const rule: Rule = {
  meta: {
    id: 'apt-lists-not-removed',
    technique: 'package-cache',
    severity: 'warning',
    title: 'Remove the apt package lists in the same RUN',
    hadolint: ['DL3009'],
    buildChecks: [],
    references: [DOCS.bestPractices, DOCS.runMountCache, hadolintRule('DL3009')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports an `apt-get install` in a stage that ships when the same RUN does not delete `/var/lib/apt/lists/*` afterwards and no cache mount covers that folder.',
    whyItMatters:
      '`apt-get update` downloads the package indexes of every configured repository into `/var/lib/apt/lists`. They are only needed while installing, yet they stay in the layer, and a layer never shrinks later: deleting them in a later RUN hides them but still ships them. Removing them in the same RUN keeps them out of the image.',
    before: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12
`,
    after: String.raw`FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \
    && rm -rf /var/lib/apt/lists/*
`,
    fixSafety:
      'Safe: `rm -rf /var/lib/apt/lists/*` is appended to the same RUN with `&&`, after everything the RUN already does, so nothing that runs in this RUN loses its lists. A later RUN that installs packages must run `apt-get update` again, which it should do anyway. No fix is offered when the RUN ends in an operator, uses a heredoc or is in JSON form.',
    whenNotToUse:
      'In a builder stage whose files are copied out selectively, the lists never ship, so the rule stays silent there. If you keep the lists on purpose (an image meant for interactive debugging), ignore it with `# playground ignore=apt-lists-not-removed`. Differs from hadolint DL3009: stages that do not ship (builder stages, ONBUILD in them) are not reported, and a RUN whose apt lists are in a cache mount is reported only when docker-clean was removed and /var/cache/apt is not mounted (the downloaded packages then stay in the layer).',
  },
  check({ model }) {
    // Whether an earlier RUN of the stage removed docker-clean (the hook that drops the packages).
    return foldStages(
      model,
      {
        start: () => ({ hookRemoved: false }),
        step(state, ins, stage) {
          const run = runOf(ins);
          if (!run) return null;
          state.hookRemoved ||= effects(run, 'remove').some((e) => e.paths.includes(DOCKER_CLEAN));
          return listsLeft(model, run, stage, state.hookRemoved);
        },
      },
      { shipped: true },
    );
  },
};

/** The report for an apt install that leaves its lists (or, with docker-clean gone, its packages). */
function listsLeft(
  model: DockerfileModel,
  run: RunInstruction,
  stage: Stage,
  hookRemoved: boolean,
): RuleReport | null {
  const apt = installs(run, ['apt']);
  if (apt.length === 0) return null;
  if (hasCacheMount(run, [LISTS, '/var/lib/apt'])) {
    // The lists are outside the layer; without docker-clean the downloaded packages are
    // not, unless /var/cache/apt is mounted too.
    if (!hookRemoved || hasCacheMount(run, ['/var/cache/apt'])) return null;
    return {
      span: run.span,
      message: `The apt lists of this install are in a cache mount, but docker-clean was removed, so the downloaded packages stay in /var/cache/apt in this layer of ${stageLabel(stage)}, which ships; mount /var/cache/apt as a cache too.`,
    };
  }
  if (removesLists(run)) return null;
  const names = apt.flatMap((e) => e.packages.map((p) => p.name));
  const what = names.length ? ` of ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}` : '';
  // The next RUN deletes them, one layer too late: joining it (cleanup-in-separate-run's fix)
  // is the repair, and a second `rm` here would only be written twice.
  const next = model.instructions[run.index + 1];
  const nextRun = next && next.stage === run.stage ? runOf(next) : null;
  const onlyCleans = (r: RunInstruction) =>
    !r.shell?.effects.some((e) =>
      /^(package-install|build|download|extract|user-add|package-index-update)$/.test(e.kind),
    );
  if (nextRun && removesLists(nextRun) && onlyCleans(nextRun))
    return {
      span: run.span,
      message: `The apt install${what} leaves the package lists in /var/lib/apt/lists in this layer of ${stageLabel(stage)}, which ships; the RUN on line ${nextRun.span.line} deletes them in a layer of its own, too late: join it to this one.`,
    };
  return {
    span: run.span,
    message: `The apt install${what} leaves the package lists in /var/lib/apt/lists in this layer of ${stageLabel(stage)}, which ships; delete them in the same RUN.`,
    fix: makeFix('Delete the apt lists at the end of the RUN', 'safe', [
      appendToRun(model, run, ['rm -rf /var/lib/apt/lists/*']),
    ]),
  };
}

function removesLists(run: RunInstruction): boolean {
  return (
    effects(run, 'cache-clean').some(
      (e) => e.cache === 'apt-lists' || e.paths.some((p) => p.startsWith(LISTS)),
    ) || effects(run, 'remove').some((e) => e.paths.some((p) => p.startsWith(LISTS)))
  );
}
