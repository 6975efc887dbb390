// Shared check for "the package manager's cache is not cleaned in the same RUN" (yum, dnf, zypper,
// npm/yarn/pnpm). Each rule file supplies its managers, cache paths and cleanup commands.
import type { PackageManager } from '../model';
import type { RuleContext, RuleReport } from './types';
import { appendToRun, effects, hasCacheMount, installs, makeFix, perRun, stageLabel } from './util';

export interface CleanSpec {
  managers: PackageManager[];
  /** cache-clean `cache` values that count as cleaned. */
  caches: string[];
  /** Cache folders (for cache mounts and rm -rf). */
  paths: string[];
  /** Commands appended by the fix, per manager. */
  cleanup: (manager: PackageManager) => string[];
  /** Message for one finding. */
  message: (manager: PackageManager, stage: string) => string;
  fixTitle: string;
  /** Aliases for one finding, per manager (defaults to the rule's). */
  aliases?: (manager: PackageManager) => string[] | undefined;
  /** Skip installs that do not use the cache (e.g. noCache set). */
  skip?: (install: ReturnType<typeof installs>[number]) => boolean;
}

export function checkClean(ctx: RuleContext, spec: CleanSpec): RuleReport[] {
  const { model } = ctx;
  return perRun(
    model,
    (run, stage) => {
      const list = installs(run, spec.managers).filter((e) => !(spec.skip?.(e) ?? false));
      if (list.length === 0) return null;
      if (hasCacheMount(run, spec.paths)) return null;
      // A clean only counts after the last install: `yum clean all && yum install x` leaves the cache.
      const last = Math.max(...list.map((e) => e.command));
      const cleaned =
        effects(run, 'cache-clean').some((e) => e.command > last && spec.caches.includes(e.cache)) ||
        effects(run, 'remove').some(
          (e) => e.command > last && e.paths.some((p) => spec.paths.some((c) => p.startsWith(c))),
        );
      if (cleaned) return null;
      const manager = list[0].manager;
      const report: RuleReport = {
        span: run.span,
        message: spec.message(manager, stageLabel(stage)),
        fix: makeFix(spec.fixTitle, 'safe', [appendToRun(model, run, spec.cleanup(manager))]),
      };
      const aliases = spec.aliases?.(manager);
      if (aliases) report.aliases = aliases;
      return report;
    },
    { shipped: true },
  );
}
