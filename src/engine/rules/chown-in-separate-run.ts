// layer-merge: `RUN chown -R` / `chmod -R` over files an earlier COPY added duplicates them.
import type { RunInstruction, Stage } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { resolvePath } from '../primitives/paths';
import { foldStages, isCopy, isRun, stageLabel } from './util';

export const rule: Rule = {
  meta: {
    id: 'chown-in-separate-run',
    technique: 'layer-merge',
    severity: 'warning',
    title: 'Use `COPY --chown` instead of a later `chown -R`',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.copy, DOCS.bestPractices],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports `chown -R` or `chmod -R` in a RUN of a stage that ships when the path was put there by an earlier COPY or ADD of the same stage.',
    whyItMatters:
      'Changing the owner or mode of a file rewrites the whole file into the new layer. A recursive chown over the application folder therefore stores every copied file twice: once as copied, once with the new owner. `COPY --chown=user:group` (and `--chmod`) sets them while copying, in one layer.',
    before: String.raw`FROM node:22-slim
WORKDIR /app
COPY dist/ /app/
RUN chown -R node:node /app
USER node
`,
    after: String.raw`FROM node:22-slim
WORKDIR /app
COPY --chown=node:node dist/ /app/
USER node
`,
    fixSafety:
      'Reported, not fixed: which COPY instructions should carry `--chown` (and whether the RUN does other work) needs a person to decide.',
    whenNotToUse:
      'When the path was created by a RUN in the same layer, or the chown targets a few small files.',
  },
  check({ model }) {
    // The files COPY brought into the stage so far (absolute), and the WORKDIR they resolve against.
    return foldStages(
      model,
      {
        start: () => ({ copied: [] as string[], workdir: '/' }),
        step(state, ins, stage) {
          if (ins.keyword === 'WORKDIR') {
            const arg = (('args' in ins ? ins.args[0] : undefined) ?? ins.argsAfterFlags).trim();
            if (arg && !arg.includes('$')) state.workdir = resolvePath(state.workdir, arg);
          }
          if (isCopy(ins) && ins.from === null && ins.chown === null && !ins.destination.includes('$')) {
            state.copied.push(resolvePath(state.workdir, ins.destination));
          }
          if (!isRun(ins) || !ins.shell) return null;
          return recursiveChange(ins, stage, state.copied, state.workdir);
        },
      },
      { shipped: true },
    );
  },
};

/** The report for the RUN's first recursive chown/chmod of files copied earlier, else null. */
function recursiveChange(
  run: RunInstruction,
  stage: Stage,
  copied: string[],
  workdir: string,
): RuleReport | null {
  for (const cmd of run.shell.commands) {
    if (cmd.name !== 'chown' && cmd.name !== 'chmod') continue;
    if (!cmd.args.some((a) => /^-[a-zA-Z]*R/.test(a) || a === '--recursive')) continue;
    const targets = cmd.args.filter((a) => !a.startsWith('-')).slice(1);
    const hit = targets.find((t) => {
      if (t.includes('$')) return false;
      const a = resolvePath(workdir, t);
      return copied.some((b) => a === b || b.startsWith(a === '/' ? '/' : a + '/') || a.startsWith(b + '/'));
    });
    if (!hit) continue;
    return {
      span: run.span,
      message: `${cmd.name} -R ${hit} rewrites files copied earlier in ${stageLabel(stage)} into a new layer, so they ship twice; use COPY --${cmd.name === 'chown' ? 'chown' : 'chmod'} instead.`,
    };
  }
  return null;
}
