// package-cache: pip keeps downloaded wheels in ~/.cache/pip unless --no-cache-dir (DL3042).
import type { RunInstruction } from '../model';
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { commandOf, effects, hasCacheMount, insertAfterArg, installs, makeFix, perRun } from './util';

const TRUTHY = /^(1|true|yes|on)$/i;

/** `export PIP_NO_CACHE_DIR=1 && pip install ...` or `PIP_NO_CACHE_DIR=1 pip install ...`. */
function exportedNoCache(run: RunInstruction, command: number): boolean {
  const cmds = run.shell?.commands ?? [];
  if (TRUTHY.test(cmds[command]?.env.PIP_NO_CACHE_DIR ?? '')) return true;
  return cmds
    .slice(0, command)
    .some(
      (c) =>
        c.name === 'export' && c.args.some((a) => /^PIP_NO_CACHE_DIR=/.test(a) && TRUTHY.test(a.slice(17))),
    );
}

export const rule: Rule = {
  meta: {
    id: 'pip-no-cache-dir',
    technique: 'package-cache',
    severity: 'warning',
    title: 'Use `pip install --no-cache-dir`',
    hadolint: ['DL3042'],
    buildChecks: [],
    references: [DOCS.bestPractices, DOCS.runMountCache, hadolintRule('DL3042')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `pip install` in a stage that ships when pip may write its cache: no `--no-cache-dir`, no `PIP_NO_CACHE_DIR` in the environment, no cleanup of `~/.cache/pip` in the same RUN and no cache mount over it.',
    whyItMatters:
      'pip keeps every wheel it downloads or builds under `/root/.cache/pip`. Inside an image that cache is never reused (the next build starts from a fresh layer), so it only adds bytes: often as much again as the installed packages, and far more for large wheels such as numpy or torch.',
    before: String.raw`FROM python:3.12-slim
RUN pip install flask==3.0.3
`,
    after: String.raw`FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
`,
    fixSafety:
      'Safe: `--no-cache-dir` only stops pip from writing its cache; what gets installed is the same. The flag is inserted right after `install`.',
    whenNotToUse:
      'With a BuildKit cache mount on `/root/.cache/pip` the cache stays out of the image and speeds up rebuilds; the rule is silent then. Builder stages whose files are copied out selectively (a virtualenv) are not reported.',
  },
  check({ model }) {
    return perRun(
      model,
      (run, stage) => {
        // pip reads PIP_NO_CACHE_DIR as a boolean: 0/off/false keep the cache (as hadolint reads it).
        if (TRUTHY.test(stage.env?.PIP_NO_CACHE_DIR ?? '')) return null;
        const pips = installs(run, ['pip']).filter((e) => !e.noCache && !exportedNoCache(run, e.command));
        if (pips.length === 0) return null;
        // The cache folder may be given by the environment (PIP_CACHE_DIR): the effects carry it.
        const dirs = pips.flatMap((e) => e.cacheDirs ?? []);
        if (hasCacheMount(run, ['/root/.cache/pip', '/root/.cache', ...dirs])) return null;
        if (effects(run, 'cache-clean').some((e) => e.cache === 'pip')) return null;
        const removed = (p: string) =>
          /\.cache\/pip|^\/root\/\.cache/.test(p) || dirs.some((d) => p === d || d.startsWith(p + '/'));
        if (effects(run, 'remove').some((e) => e.paths.some(removed))) return null;
        const pip = pips[0];
        const cmd = commandOf(run, pip.command);
        const what =
          pip.fromManifest ??
          pip.packages
            .map((p) => p.name)
            .slice(0, 3)
            .join(' ');
        return {
          span: run.span,
          message: `pip install${what ? ' of ' + what : ''} keeps its download cache (${dirs[0] ?? '/root/.cache/pip'}) in a layer that ships; add --no-cache-dir.`,
          fix: cmd
            ? makeFix('Add --no-cache-dir', 'safe', [
                insertAfterArg(model, run, cmd, cmd.args.indexOf('install'), '--no-cache-dir'),
              ])
            : null,
        };
      },
      { shipped: true },
    );
  },
};
