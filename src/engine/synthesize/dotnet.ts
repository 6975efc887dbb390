// .NET: the SDK image publishes the app (dotnet publish -c Release); the runtime is the ASP.NET
// Core (or plain .NET) runtime image of the same version holding only the published folder.
import type { ShellCommand } from '../model';
import {
  basename,
  builderOnlyCaveat,
  dirname,
  isAlpineTag,
  programName,
  resolvePath,
  unknownRunLines,
  userLine,
  workdirs,
  type StageFacts,
  type SynthesisResult,
} from './common';
import { runtimeStageLines, plainBuilder, runtimePackages, startLines, twoStageText } from './compiled-stage';

function outputOf(cmd: ShellCommand): string | null {
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    if ((a[k] === '-o' || a[k] === '--output') && a[k + 1]) return a[k + 1];
    if (a[k].startsWith('--output=')) return a[k].slice('--output='.length);
  }
  return null;
}

type DotnetCommand = StageFacts['commands'][number];

export function synthesizeDotnet(facts: StageFacts): SynthesisResult | null {
  const read = readDotnetStage(facts);
  if (!read) return null;
  const { dotnet, last, copyDir } = read;
  const { runtime, flavour, version } = dotnetRuntime(facts);
  const caveats: string[] = [];
  if (!version)
    caveats.push(
      `The .NET version could not be read from ${facts.baseRef}; the runtime assumes 8.0: use the version the app targets.`,
    );
  const rt = runtimeStageLines(facts, {
    image: runtime,
    toolchainEnv: /^ENV\s+(DOTNET_CLI_|NUGET_)/,
    packages: runtimePackages(facts, isAlpineTag(facts.image.tag)),
    workdir: facts.workdir,
    product: [`COPY --from=build ${copyDir} ${copyDir}`],
    builds: dotnet,
    outputDir: copyDir,
    start: startLines(facts.stage, userLine(facts, null)),
  });
  caveats.push(...sdkCaveats(facts, flavour, last));

  const explanation = `The build stage on ${facts.baseRef} restores and publishes as before; the final stage on ${runtime} receives only ${copyDir}. The SDK, NuGet caches and sources stay behind.`;
  const text = twoStageText(facts, plainBuilder(facts).lines, rt);
  return { text, ecosystem: 'dotnet', caveats, explanation };
}

/**
 * The SDK stage's dotnet commands, the last publish (or build), and the folder to copy: the
 * publish output when the started dll lies in it, else the dll's own folder. Null unless the
 * container starts `dotnet <app>.dll`.
 */
function readDotnetStage(
  facts: StageFacts,
): { dotnet: DotnetCommand[]; last: DotnetCommand; copyDir: string } | null {
  if (!/(^|\/)dotnet\/(core\/)?sdk$|^microsoft\/dotnet$/.test(facts.image.repository)) return null;
  const dotnet = facts.commands.filter((c) => programName(c.cmd) === 'dotnet');
  const publish = dotnet.filter((c) => c.cmd.args[0] === 'publish' || c.cmd.args[0] === 'build');
  if (!publish.length) return null;
  const words = facts.runWords ?? [];
  if (
    !words.length ||
    basename(words[0]) !== 'dotnet' ||
    !words[1] ||
    !/\.dll$/i.test(words[1]) ||
    /\$/.test(words[1])
  )
    return null;
  const dll = resolvePath(facts.workdir ?? '/', words[1]);
  const last = publish[publish.length - 1];
  const out = outputOf(last.cmd);
  const outDir = out ? resolvePath(workdirs(facts.stage).get(last.run) ?? '/', out) : dirname(dll);
  return { dotnet, last, copyDir: dll.startsWith(outDir + '/') ? outDir : dirname(dll) };
}

/** The runtime image of the SDK's version and variant: ASP.NET Core for a web app, else plain .NET. */
function dotnetRuntime(facts: StageFacts): {
  runtime: string;
  flavour: 'aspnet' | 'runtime';
  version: string | null;
} {
  const tag = facts.image.tag ?? 'latest';
  const version = /^(\d+\.\d+)/.exec(tag)?.[1] ?? null;
  const web =
    facts.stage.instructions.some((i) => i.keyword === 'EXPOSE') ||
    /ASPNETCORE_|aspnet|\.Web\b|Api\b/i.test(facts.model.text);
  const flavour = web ? 'aspnet' : 'runtime';
  const suffix = tag.replace(/^\d+\.\d+(\.\d+)?/, '');
  return { runtime: `mcr.microsoft.com/dotnet/${flavour}:${version ?? '8.0'}${suffix}`, flavour, version };
}

/** What the runtime image leaves out (the SDK), and what the build could do better. */
function sdkCaveats(facts: StageFacts, flavour: 'aspnet' | 'runtime', last: DotnetCommand): string[] {
  const caveats = [
    `The final image has the .NET ${flavour === 'aspnet' ? 'ASP.NET Core ' : ''}runtime, not the SDK: \`dotnet build\`, \`dotnet ef\` and other SDK tools are gone.${flavour === 'runtime' ? ' A web app needs mcr.microsoft.com/dotnet/aspnet instead.' : ''}`,
    'Copy the .csproj files and run `dotnet restore` before copying the sources to keep the NuGet packages cached while the code changes.',
  ];
  if (last.cmd.args[0] === 'build')
    caveats.push(
      'The app is built with `dotnet build`; `dotnet publish -c Release -o /app/publish` makes a smaller, self-contained folder to copy.',
    );
  caveats.push(...builderOnlyCaveat(unknownRunLines(facts, (c) => programName(c) === 'dotnet')));
  return caveats;
}
