// .NET: the SDK image publishes the app (dotnet publish -c Release); the runtime is the ASP.NET
// Core (or plain .NET) runtime image of the same version holding only the published folder.
import type { ShellCommand } from '../../model';
import {
  argEnvLines,
  assetCopies,
  buildDirs,
  basename,
  builderOnlyCaveat,
  builderStage,
  carriedRunLines,
  dirname,
  healthcheckTool,
  isAlpineTag,
  joinLines,
  labelLines,
  osInstallLine,
  osPackages,
  preamble,
  programName,
  rawOf,
  resolvePath,
  runtimeTail,
  unknownRunLines,
  workdirs,
  type StageFacts,
  type SynthesisResult,
} from './common';

function outputOf(cmd: ShellCommand): string | null {
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    if ((a[k] === '-o' || a[k] === '--output') && a[k + 1]) return a[k + 1];
    if (a[k].startsWith('--output=')) return a[k].slice('--output='.length);
  }
  return null;
}

export function synthesizeDotnet(facts: StageFacts): SynthesisResult | null {
  const repo = facts.image.repository;
  if (!/(^|\/)dotnet\/(core\/)?sdk$|^microsoft\/dotnet$/.test(repo)) return null;
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
  const finalWd = facts.workdir ?? '/';
  const dll = resolvePath(finalWd, words[1]);
  const wd = workdirs(facts.stage);
  const last = publish[publish.length - 1];
  const out = outputOf(last.cmd);
  const outDir = out ? resolvePath(wd.get(last.run) ?? '/', out) : dirname(dll);
  const copyDir = dll.startsWith(outDir + '/') ? outDir : dirname(dll);

  const tag = facts.image.tag ?? 'latest';
  const version = /^(\d+\.\d+)/.exec(tag)?.[1] ?? null;
  const alpine = isAlpineTag(tag);
  const web =
    facts.stage.instructions.some((i) => i.keyword === 'EXPOSE') ||
    /ASPNETCORE_|aspnet|\.Web\b|Api\b/i.test(facts.model.text);
  const flavour = web ? 'aspnet' : 'runtime';
  const suffix = tag.replace(/^\d+\.\d+(\.\d+)?/, '');
  const runtime = `mcr.microsoft.com/dotnet/${flavour}:${version ?? '8.0'}${suffix}`;
  const caveats: string[] = [];
  if (!version)
    caveats.push(
      `The .NET version could not be read from ${facts.baseRef}; the runtime assumes 8.0: use the version the app targets.`,
    );

  const b = builderStage(facts, {
    name: 'build',
    image: facts.builderRef,
    manifests: null,
  });
  const rt: string[] = [`FROM ${runtime}`];
  rt.push(...argEnvLines(facts.stage).filter((l) => !/^ENV\s+(DOTNET_CLI_|NUGET_)/.test(l)));
  rt.push(...labelLines(facts.stage));
  const os = osPackages(facts);
  const mgr = alpine ? 'apk' : 'apt';
  const hc = healthcheckTool(facts.stage);
  const pk = [
    ...(os.manager === mgr ? os.runtime : []),
    ...(hc === 'curl' || (hc === 'wget' && !alpine) ? [hc] : []),
  ];
  const osLine = osInstallLine(mgr, [...new Set(pk)]);
  if (osLine) rt.push(osLine);
  if (facts.workdir) rt.push(`WORKDIR ${facts.workdir}`);
  rt.push(`COPY --from=build ${copyDir} ${copyDir}`);
  rt.push(
    ...assetCopies(facts, [
      copyDir,
      ...buildDirs(
        facts,
        dotnet.map((x) => x.run),
      ),
    ]),
  );
  rt.push(...carriedRunLines(facts, rt));
  rt.push(...runtimeTail(facts.stage, { user: facts.user ? rawOf(facts.user) : null }));

  caveats.push(
    `The final image has the .NET ${flavour === 'aspnet' ? 'ASP.NET Core ' : ''}runtime, not the SDK: \`dotnet build\`, \`dotnet ef\` and other SDK tools are gone.${flavour === 'runtime' ? ' A web app needs mcr.microsoft.com/dotnet/aspnet instead.' : ''}`,
    'Copy the .csproj files and run `dotnet restore` before copying the sources to keep the NuGet packages cached while the code changes.',
  );
  if (last.cmd.args[0] === 'build')
    caveats.push(
      'The app is built with `dotnet build`; `dotnet publish -c Release -o /app/publish` makes a smaller, self-contained folder to copy.',
    );
  caveats.push(...builderOnlyCaveat(unknownRunLines(facts, (c) => programName(c) === 'dotnet')));

  const text = joinLines([...preamble(facts.model), ...b.lines, '', ...rt]);
  const explanation = `The build stage on ${facts.baseRef} restores and publishes as before; the final stage on ${runtime} receives only ${copyDir}. The SDK, NuGet caches and sources stay behind.`;
  return { text, ecosystem: 'dotnet', caveats, explanation };
}
