// PHP (composer): the dependencies are installed in a composer stage (--no-dev
// --optimize-autoloader) and only vendor/ is copied into the original PHP image, which no longer
// carries composer, its cache or the dev dependencies.
import type { ShellCommand } from '../model';
import {
  copiesWholeContext,
  isCopy,
  isRun,
  joinLines,
  preamble,
  rawOf,
  resolvePath,
  rewriteRun,
  workdirs,
  type StageFacts,
  type SynthesisResult,
} from './common';

function composerRelated(cmd: ShellCommand): boolean {
  return /composer/i.test(cmd.text);
}

function isComposerInstall(cmd: ShellCommand): boolean {
  const name = cmd.name.split('/').pop() ?? '';
  const args = cmd.args;
  if (/^composer(\.phar)?$/.test(name)) return args[0] === 'install';
  if (name === 'php' && /composer(\.phar)?$/.test(args[0] ?? '')) return args[1] === 'install';
  return false;
}

export function synthesizePhp(facts: StageFacts): SynthesisResult | null {
  if (facts.image.name !== 'php') return null;
  const install = facts.commands.find((c) => isComposerInstall(c.cmd));
  if (!install) return null;
  const ins = facts.stage.instructions;
  const whole = ins.find((i) => isCopy(i) && copiesWholeContext(i));
  if (!whole || !isCopy(whole)) return null;
  const wd = workdirs(facts.stage);
  const appDir = resolvePath(wd.get(whole) ?? null, whole.destination);
  if (appDir === '/') return null;
  const flagsWritten = install.cmd.args;
  const ignorePlatform = !flagsWritten.includes('--ignore-platform-reqs');

  const vendor = [
    'FROM composer:2 AS vendor',
    'WORKDIR /app',
    'COPY composer.json composer.lock* ./',
    `RUN composer install --no-dev --optimize-autoloader --no-interaction --no-progress --prefer-dist --no-scripts${ignorePlatform ? ' --ignore-platform-reqs' : ''}`,
  ];
  const rt: string[] = [];
  for (const i of ins) {
    if (i.keyword === 'FROM') {
      const platform = facts.from.flags.find((f) => f.name === 'platform');
      rt.push(`FROM ${platform ? `--platform=${platform.value} ` : ''}${facts.baseRef}`);
      continue;
    }
    if (isCopy(i) && i.from !== null && 'image' in i.from && /composer/i.test(i.from.image)) continue;
    if (isCopy(i) && i.from === null && i.sources.every((s) => /composer\.(json|lock)$/.test(s))) continue;
    if (isRun(i) && i.shell.commands.some(composerRelated)) {
      const rest = rewriteRun(i, (c) => (composerRelated(c) ? null : c.text));
      if (rest === null) return null;
      if (rest) rt.push(rest);
      continue;
    }
    rt.push(rawOf(i));
    if (i === whole) rt.push(`COPY --from=vendor /app/vendor ${appDir}/vendor`);
  }

  const caveats = [
    "Composer scripts (e.g. Laravel's `php artisan package:discover`) no longer run during the install: run the ones the app needs in the final stage.",
    ignorePlatform
      ? 'The composer image does not have the PHP extensions of your image, so the install skips the platform check (--ignore-platform-reqs): make sure the final image has the extensions composer.json requires.'
      : 'The composer image has its own PHP version and extensions; the install already ignores platform requirements.',
    'Development dependencies (require-dev) are no longer installed: tests and dev tools cannot run in this image.',
  ];
  const text = joinLines([...preamble(facts.model), ...vendor, '', ...rt]);
  const explanation = `A composer stage installs the production dependencies (--no-dev --optimize-autoloader) from composer.json and the lock file; the final image on ${facts.baseRef} receives vendor/ only, without composer, its download cache or the dev dependencies.`;
  return { text, ecosystem: 'php', caveats, explanation };
}
