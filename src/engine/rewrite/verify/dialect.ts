// Invariant "dialect": the stage's base provides every command its RUNs use, with the flags they
// use. apt-get needs Debian/Ubuntu, apk needs Alpine/Wolfi, dnf/yum/microdnf an RPM distribution;
// BusyBox `adduser -S` fails on Debian (its adduser wants --system) and `useradd` is missing on
// Alpine unless the shadow package is installed; bash is not in Alpine; a RUN needs a shell.
// Repair: account commands are translated when every flag has an equivalent (accounts.ts).
import type { DockerfileModel, Stage } from '../../model';
import type { OsFamily } from '../../size/types';
import type { Problem } from './types';
import { baseFacts, chainOf, commandsOf, effectsOf, programOf, stageKey, stageLabel } from './facts';
import { translateAccount } from './accounts';

const MANAGER_FAMILIES: Record<string, OsFamily[]> = {
  apt: ['debian', 'ubuntu'],
  apk: ['alpine', 'wolfi'],
  dnf: ['rhel'],
  yum: ['rhel'],
  microdnf: ['rhel'],
};

const FAMILY_NAMES: Partial<Record<OsFamily, string>> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  wolfi: 'Wolfi',
  rhel: 'an RPM-based distribution',
  distroless: 'distroless',
  scratch: 'scratch',
  busybox: 'BusyBox',
};

export function dialectProblems(model: DockerfileModel): Problem[] {
  return model.stages.flatMap((s) => stageProblems(model, s));
}

function installedInChain(model: DockerfileModel, stage: Stage, name: string): boolean {
  return chainOf(model, stage).some((s) =>
    effectsOf(s).some((e) => e.kind === 'package-install' && e.packages.some((p) => p.name === name)),
  );
}

/** bash as the SHELL or as the container's start command, on a base without it (Alpine, BusyBox). */
function bashProblems(
  model: DockerfileModel,
  stage: Stage,
  shell: string[],
  label: string,
  key: string,
  image: string,
): Problem[] {
  if (installedInChain(model, stage, 'bash')) return [];
  const out: Problem[] = [];
  if (/bash$/.test(shell[0]))
    out.push({
      invariant: 'dialect',
      key: `dialect:bash-shell:${key}`,
      message: `${label} sets SHELL to bash, which ${image} does not have.`,
    });
  // `CMD ["bash", "-c", ...]` needs bash as much as a RUN does.
  const startsBash = stage.instructions.some(
    (i) =>
      (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') &&
      i.form === 'json' &&
      /(^|\/)bash$/.test(i.json?.[0] ?? ''),
  );
  if (startsBash)
    out.push({
      invariant: 'dialect',
      key: `dialect:bash-start:${key}`,
      message: `${label} starts bash, which ${image} does not have (Alpine's shell is BusyBox ash).`,
    });
  return out;
}

function stageProblems(model: DockerfileModel, stage: Stage): Problem[] {
  const base = baseFacts(model, stage);
  const family = base.family;
  if (family === 'unknown' || family === 'windows') return [];
  const label = stageLabel(stage);
  const key = stageKey(model, stage);
  const image = base.reference ?? 'its base image';
  const out: Problem[] = [];
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN');
  const shell = stage.shell ?? ['/bin/sh', '-c'];
  if (!base.shell && runs.some((r) => r.form !== 'json') && shell[0] === '/bin/sh') {
    out.push({
      invariant: 'dialect',
      key: `dialect:shell:${key}`,
      message: `${label} runs shell commands, but ${image} has no shell (/bin/sh): every RUN would fail.`,
    });
    return out;
  }
  if (family === 'alpine' || family === 'busybox')
    out.push(...bashProblems(model, stage, shell, label, key, image));
  for (const at of commandsOf(stage)) {
    const program = programOf(at.cmd);
    if (
      program === 'bash' &&
      (family === 'alpine' || family === 'busybox') &&
      !installedInChain(model, stage, 'bash')
    )
      out.push({
        invariant: 'dialect',
        key: `dialect:bash:${key}`,
        message: `${label} runs bash, which ${image} does not have (Alpine's shell is BusyBox ash).`,
      });
    for (const e of at.effects) {
      if (
        (e.kind === 'package-install' || e.kind === 'package-index-update') &&
        MANAGER_FAMILIES[e.manager]
      ) {
        if (MANAGER_FAMILIES[e.manager].includes(family)) continue;
        out.push({
          invariant: 'dialect',
          key: `dialect:manager:${key}:${e.manager}`,
          message: `${label} runs ${e.manager === 'apt' ? 'apt-get' : e.manager}, which ${image} (${FAMILY_NAMES[family] ?? family}) does not have.`,
        });
      }
      if (e.kind === 'user-add' && e.dialect) {
        const wrong =
          (e.dialect === 'busybox' && family !== 'alpine' && family !== 'busybox') ||
          (e.dialect === 'debian' && family !== 'debian' && family !== 'ubuntu') ||
          (e.dialect === 'shadow' && family === 'alpine' && !installedInChain(model, stage, 'shadow'));
        if (!wrong) continue;
        const target = family === 'alpine' || family === 'busybox' ? 'busybox' : 'shadow';
        const translated = translateAccount(at.cmd, target);
        const start = at.cmd.span?.start;
        const end = at.cmd.span?.end;
        out.push({
          invariant: 'dialect',
          key: `dialect:account:${key}:${e.tool}:${e.name}`,
          message: `${label} creates "${e.name}" with "${at.cmd.text}", written for ${e.dialect === 'busybox' ? "Alpine's BusyBox" : e.dialect === 'debian' ? "Debian's adduser" : 'useradd/groupadd (shadow)'}, which ${image} does not understand.`,
          repair:
            translated && start !== undefined && end !== undefined
              ? {
                  note: `Translated "${at.cmd.text}" to "${translated}" for ${image}.`,
                  edits: [{ start, end, text: translated }],
                }
              : null,
        });
      }
    }
  }
  return out;
}
