// Invariant "parent-stage": a stage built FROM another stage still finds what it uses there.
// - Package indexes: `apt-get install` needs /var/lib/apt/lists; Debian and Ubuntu images ship
//   without them, so an install needs an `apt-get update` earlier in the stage or its parents,
//   with no removal of the lists in between ("Unable to locate package" otherwise). Repair:
//   `apt-get update &&` before the install (certain: it only fetches the index).
// - Users: a USER, --chown or chown naming an account that the file creates in another stage only.
import type { DockerfileModel, Stage } from '../../model';
import type { Problem } from './types';
import { baseFacts, chainOf, commandsOf, isCopy, stageKey, stageLabel } from './facts';

export function parentStageProblems(model: DockerfileModel): Problem[] {
  const out: Problem[] = [];
  const anywhere = createdAccounts(model.stages);
  for (const stage of model.stages) {
    out.push(...indexProblems(model, stage));
    out.push(...userProblems(model, stage, anywhere));
  }
  return out;
}

function indexProblems(model: DockerfileModel, stage: Stage): Problem[] {
  const family = baseFacts(model, stage).family;
  if (family !== 'debian' && family !== 'ubuntu') return [];
  const out: Problem[] = [];
  let lists = false;
  let removedBy: Stage | null = null;
  for (const s of chainOf(model, stage)) {
    for (const at of commandsOf(s)) {
      // A cache mount on the lists keeps them between builds: nothing certain to say.
      if (at.run.mounts.some((m) => (m.target ?? '').startsWith('/var/lib/apt'))) return out;
      for (const e of at.effects) {
        if (e.kind === 'package-index-update' && e.manager === 'apt') lists = true;
        else if (e.kind === 'cache-clean' && e.cache === 'apt-lists') {
          lists = false;
          removedBy = s;
        } else if (e.kind === 'package-install' && e.manager === 'apt' && !lists && s === stage) {
          if (at.cmd.nested || !e.packages.length) continue;
          const names = e.packages.map((p) => p.name).sort();
          const where =
            removedBy && removedBy !== stage
              ? `${stageLabel(removedBy)}, which this stage is built FROM, removes /var/lib/apt/lists`
              : 'the base image has no package index';
          const start = at.cmd.span?.start;
          const repairable =
            start !== undefined &&
            (at.cmd.connector === null || at.cmd.connector === '&&' || at.cmd.connector === ';');
          out.push({
            invariant: 'parent-stage',
            key: `parent-stage:index:${stageKey(model, stage)}:${names.join(',')}`,
            message: `In ${stageLabel(stage)}, "apt-get install ${names.join(' ')}" would fail with "Unable to locate package": ${where} and the stage never runs apt-get update before it.`,
            repair: repairable
              ? {
                  note: `Added "apt-get update &&" before "apt-get install ${names.join(' ')}" in ${stageLabel(stage)}: the package index it relied on is removed earlier.`,
                  edits: [{ start: start as number, end: start as number, text: 'apt-get update && ' }],
                }
              : null,
          });
        }
      }
    }
  }
  return out;
}

/** Account names a stage uses: USER, COPY --chown, RUN chown (numeric ids and root excluded). */
function usedAccounts(stage: Stage): string[] {
  const names: string[] = [];
  const add = (spec: string | null | undefined) => {
    for (const part of (spec ?? '').split(':')) {
      const n = part.trim();
      if (n && !/^\d+$/.test(n) && n !== 'root' && !n.includes('$')) names.push(n);
    }
  };
  for (const i of stage.instructions) {
    if (i.keyword === 'USER') add(i.argsAfterFlags.trim());
    else if (isCopy(i)) add(i.chown);
  }
  for (const at of commandsOf(stage)) {
    if (at.cmd.name === 'chown' || at.cmd.name.endsWith('/chown'))
      add(at.cmd.args.find((a) => !a.startsWith('-')));
  }
  return names;
}

/** The accounts the stages' RUNs create. */
function createdAccounts(stages: readonly Stage[]): Set<string> {
  return new Set(
    stages.flatMap((s) =>
      commandsOf(s).flatMap((at) =>
        at.effects.flatMap((e) => (e.kind === 'user-add' && e.name ? [e.name] : [])),
      ),
    ),
  );
}

/** `anywhere`: the accounts any stage of the file creates. */
function userProblems(model: DockerfileModel, stage: Stage, anywhere: ReadonlySet<string>): Problem[] {
  const used = new Set(usedAccounts(stage));
  if (![...used].some((name) => anywhere.has(name))) return [];
  const here = createdAccounts(chainOf(model, stage));
  const out: Problem[] = [];
  for (const name of used) {
    if (!anywhere.has(name) || here.has(name)) continue;
    out.push({
      invariant: 'parent-stage',
      key: `parent-stage:user:${stageKey(model, stage)}:${name}`,
      message: `${stageLabel(stage)} uses the account "${name}", but only another stage creates it: the build would stop with "unable to find user ${name}" (or "invalid user").`,
    });
  }
  return out;
}
