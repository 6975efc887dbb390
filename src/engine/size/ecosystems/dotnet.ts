// Sizing .NET: the NuGet cache and `dotnet publish` / `dotnet build` output.
import * as H from '../heuristics';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf } from '../context';
import type { Build, RunScope } from '../commands/scope';
import { hasLive } from '../commands/scope';
import type { EcosystemSizing } from '../commands/scope';

export function nugetCache(s: RunScope): void {
  if (hasLive(s, 'nuget-cache')) return;
  const dir = `${homeOf(s.st)}/.nuget/packages`;
  addNew(
    s.st,
    s.layer,
    'nuget-cache',
    dir,
    H.NUGET_CACHE,
    'low',
    `dotnet restore fills ~/.nuget/packages (≈ ${formatBytes(H.NUGET_CACHE)}, typical)`,
  );
}

export function dotnetBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  nugetCache(s);
  const self =
    args.some((a) => /^--self-contained(=true)?$/.test(a) || a === '--sc') ||
    args.some((a) => /^-r$|^--runtime/.test(a));
  const b = H.DOTNET_PUBLISH + (self ? 70 * H.MB : 0);
  const sub = args[0] ?? '';
  if (sub === 'publish' || out) {
    const path = out ?? `${s.cwd}/bin/Release/*/publish`;
    addNew(
      s.st,
      s.layer,
      'dotnet-publish',
      path,
      b,
      'low',
      `dotnet publish writes the app to ${path} (≈ ${formatBytes(b)}, ${self ? 'self-contained' : 'framework-dependent'}, typical)`,
    );
  }
  addNew(
    s.st,
    s.layer,
    'build-output',
    `${s.cwd}/obj`,
    H.DOTNET_BUILD_TREE,
    'low',
    `obj/ and bin/ intermediates (≈ ${formatBytes(H.DOTNET_BUILD_TREE)})`,
    { aliases: [`${s.cwd}/bin`] },
  );
}

export const dotnetSizing: EcosystemSizing = {
  install: (s) => nugetCache(s),
  builds: { dotnet: dotnetBuild },
};
