// package-cache: `apk add` keeps the package index in /var/cache/apk unless --no-cache (DL3019).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import {
  appendToRun,
  commandOf,
  effects,
  hasCacheMount,
  insertAfterArg,
  installs,
  makeFix,
  perRun,
} from './util';

const CACHE = '/var/cache/apk';

export const rule: Rule = {
  meta: {
    id: 'apk-no-cache',
    technique: 'package-cache',
    severity: 'warning',
    title: 'Use `apk add --no-cache`',
    hadolint: ['DL3019'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3019')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `apk add` in a stage that ships when it runs without `--no-cache`, the RUN does not clear `/var/cache/apk` and no cache mount covers it.',
    whyItMatters:
      'Without `--no-cache`, apk stores the downloaded repository index (and with `apk update`, a fresh copy of it) under `/var/cache/apk`. On an Alpine image of a few megabytes that index is a noticeable share of the layer, and it is of no use at run time. `--no-cache` fetches the index into memory for this one command and leaves nothing behind.',
    before: String.raw`FROM alpine:3.20
RUN apk add curl=8.11.1-r0
`,
    after: String.raw`FROM alpine:3.20
RUN apk add --no-cache curl=8.11.1-r0
`,
    fixSafety:
      'Safe: `--no-cache` changes where apk keeps its index, not what it installs. When the RUN also runs `apk update`, the fix instead appends `rm -rf /var/cache/apk/*` to the RUN, because that index was already written.',
    whenNotToUse:
      'When a BuildKit cache mount on `/var/cache/apk` (or `/etc/apk/cache`) is used, the cache never reaches the image and the rule stays silent. Builder stages that do not ship are not reported.',
  },
  check({ model }) {
    return perRun(
      model,
      (run) => {
        const adds = installs(run, ['apk']).filter((e) => !e.noCache);
        if (adds.length === 0) return null;
        if (hasCacheMount(run, [CACHE, '/etc/apk/cache'])) return null;
        const cleaned =
          effects(run, 'cache-clean').some((e) => e.cache === 'apk') ||
          effects(run, 'remove').some((e) => e.paths.some((p) => p.startsWith(CACHE)));
        if (cleaned) return null;
        const updated = effects(run, 'package-index-update').some((e) => e.manager === 'apk');
        // One finding per RUN, for its first `apk add` without --no-cache.
        const add = adds[0];
        const cmd = commandOf(run, add.command);
        const names = add.packages.map((p) => p.name);
        let fix = null;
        if (updated) {
          fix = makeFix('Clear /var/cache/apk at the end of the RUN', 'safe', [
            appendToRun(model, run, ['rm -rf /var/cache/apk/*']),
          ]);
        } else if (cmd) {
          const at = cmd.args.indexOf('add');
          fix = makeFix('Add --no-cache', 'safe', [insertAfterArg(model, run, cmd, at, '--no-cache')]);
        }
        return {
          span: run.span,
          message: `apk add${names.length ? ' ' + names.slice(0, 3).join(' ') : ''} runs without --no-cache: the package index stays in /var/cache/apk in a layer that ships.`,
          fix,
        };
      },
      { shipped: true },
    );
  },
};
