// .NET: dotnet restore / publish and the NuGet package folder.
import { defineEcosystem } from './types';

export const dotnet = defineEcosystem({
  id: 'dotnet',
  title: '.NET (dotnet, NuGet)',
  kind: 'language',
  managers: ['dotnet'],
  buildTools: ['dotnet'],
  manifests: ['*.csproj', '*.fsproj', '*.vbproj', '*.sln', 'NuGet.config'],
  lockfiles: ['packages.lock.json'],
  copyFirst: {},
  caches: [
    { cache: 'dotnet', paths: /\/\.nuget\/packages(\/|$)/, kinds: ['nuget-cache'], what: 'the NuGet cache' },
  ],
  cacheMounts: { dotnet: { target: '/root/.nuget/packages', also: [], hadolint: 'DL3074' } },
  outputs: ['bin', 'obj'],
  dockerignore: ['# Build output', 'bin', 'obj', '*.user', 'TestResults'],
  runtimeImages: ['mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/runtime'],
  signs: { programs: ['dotnet'], images: /dotnet/ },
});
