// base-image: a full OS / full language image in the final stage → a slimmer variant of the family.
import type { CatalogEntry } from '../size/types';
import type { Rule, RuleContext, RuleReport } from './types';
import { DOCS } from './refs';
import {
  baseInfo,
  finalStage,
  installs,
  isAlpineBase,
  isRun,
  isSdkBase,
  makeFix,
  type BaseInfo,
} from './util';
import { stageBuilds } from './multi-stage';
import type { DockerfileModel, Stage } from '../model';
import { commandWords, programWords } from '../primitives/commands';
import { lastOf } from '../primitives/stages';
import { javaVersion } from '../ecosystems/java';

/** Families with a Debian "-slim" variant, and how their tags spell it. */
const SLIM_FAMILIES = new Set(['node', 'python', 'ruby', 'perl', 'debian']);
const FULL_OS =
  /^(ubuntu|centos|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|opensuse\/leap|opensuse\/tumbleweed)$/;
const ALREADY_SMALL =
  /(slim|alpine|distroless|chiseled|minimal|busybox|nanoserver|windowsservercore|-jre|jre-)/;

/** The slim tag of the same family and version (heuristic, used without a catalog entry). */
export function slimTag(repo: string, tag: string | null): string | null {
  if (!tag || tag === 'latest' || !SLIM_FAMILIES.has(repo) || ALREADY_SMALL.test(tag)) return null;
  if (repo === 'debian') return /^(bookworm|bullseye|trixie|buster|\d+)$/.test(tag) ? `${tag}-slim` : null;
  const m = /^(.*?)-(bookworm|bullseye|trixie|buster)$/.exec(tag);
  if (m) return repo === 'node' ? `${m[1]}-${m[2]}-slim` : `${m[1]}-slim-${m[2]}`;
  if (/^(\d[\w.]*|lts|current)$/.test(tag)) return `${tag}-slim`;
  return null;
}

function fromCatalog(ctx: RuleContext, entry: CatalogEntry): CatalogEntry | null {
  let alts: CatalogEntry[] = [];
  try {
    alts = ctx.bases.alternatives(entry);
  } catch {
    return null;
  }
  const same = (a: CatalogEntry) =>
    a.image === entry.image && (!entry.runtime || a.runtime?.version === entry.runtime.version);
  return (
    alts.find((a) => same(a) && a.variant === 'slim' && a.libc === entry.libc) ??
    alts.find((a) => same(a) && a.variant === 'slim') ??
    null
  );
}

/** What to run on instead of an SDK image (message only). */
function runtimeAdvice(repo: string, tag: string | null): string {
  const version = /^(\d+)/.exec(tag ?? '')?.[1];
  if (/^(openjdk|eclipse-temurin|amazoncorretto|java)$/.test(repo) || /jdk/.test(tag ?? ''))
    return `a JRE is enough (eclipse-temurin:${version ?? '21'}-jre${/alpine/.test(tag ?? '') ? '-alpine' : ''}), or a jlink-ed runtime.`;
  if (repo.endsWith('dotnet/sdk'))
    return `use mcr.microsoft.com/dotnet/aspnet or dotnet/runtime${version ? ':' + tag : ''}.`;
  if (repo === 'golang' || repo === 'rust') return 'copy the binary into distroless, alpine or scratch.';
  return 'use the matching runtime image.';
}

const JDK_REPOS =
  /^(openjdk|eclipse-temurin|amazoncorretto|java|maven|gradle|sapmachine|ibm-semeru-runtimes)$/;

/**
 * A JDK final stage that only starts `java` → the Temurin JRE of the same version (Alpine when the
 * JDK was). Not when the stage installs OS packages (the JRE's OS and package manager may differ)
 * or starts java by a path (JAVA_HOME moves).
 */
function jreFix(model: DockerfileModel, stage: Stage, info: BaseInfo) {
  const from = stage.from;
  if (!('image' in stage.base) || from.image.includes('$') || !JDK_REPOS.test(info.repo)) return null;
  const version = javaVersion(info.repo, info.tag);
  const words = programWords(commandWords(lastOf(stage, 'ENTRYPOINT')) ?? commandWords(lastOf(stage, 'CMD')));
  if (!version || words?.[0] !== 'java') return null;
  if (stage.instructions.some((i) => isRun(i) && installs(i).length > 0)) return null;
  const jre = `eclipse-temurin:${version}-jre${isAlpineBase(info) ? '-alpine' : ''}`;
  const src = model.text.slice(from.span.start, from.span.end);
  const at = src.indexOf(from.image);
  if (at < 0) return null;
  const start = from.span.start + at;
  return makeFix(
    `Run on the ${jre} runtime`,
    'safe',
    [{ start, end: start + from.image.length, text: jre }],
    [
      `A JRE, not a JDK: javac, jcmd, jstack and jmap are gone.${info.repo === 'eclipse-temurin' ? '' : ` The runtime is Eclipse Temurin's build of OpenJDK ${version} on ${isAlpineBase(info) ? 'Alpine' : 'Ubuntu'}, in place of ${info.reference}.`} JAVA_HOME is /opt/java/openjdk.`,
    ],
  );
}

/** Alpine / distroless alternatives with their sizes, for the message (musl, no shell). */
function otherVariants(ctx: RuleContext, entry: CatalogEntry, chosen: CatalogEntry): string {
  let alts: CatalogEntry[] = [];
  try {
    alts = ctx.bases.alternatives(entry);
  } catch {
    return '';
  }
  const note = (a: CatalogEntry) => (a.libc === 'musl' ? 'musl libc' : !a.shell ? 'no shell' : a.variant);
  return alts
    .filter((a) => a !== chosen && a.uncompressedBytes < chosen.uncompressedBytes && a.variant !== 'full')
    .filter((a) => !entry.runtime || a.runtime?.version === entry.runtime.version)
    .sort((a, b) => b.uncompressedBytes - a.uncompressedBytes)
    .slice(0, 2)
    .map((a) => `${a.reference} (${Math.round(a.uncompressedBytes / 1e6)} MB, ${note(a)})`)
    .join(', ');
}

export const rule: Rule = {
  meta: {
    id: 'slim-base-image',
    technique: 'base-image',
    severity: 'warning',
    title: 'Use a slim variant of the base image in the final stage',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.baseImages, DOCS.bestPractices],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes:
      'Reports a final stage built on the full variant of an OS or language image (`node:22`, `python:3.12`, `ruby:3.3`, `debian:bookworm`, large full distributions) and names a slimmer variant of the same family with its size; and a final stage on an SDK image (a JDK, the .NET SDK, golang) that only runs the app, where a runtime image (a JRE, the ASP.NET runtime, distroless) is enough.',
    whyItMatters:
      'The full Debian-based language images carry compilers, headers, version control and hundreds of libraries for building native extensions: roughly 1 GB for `node:22` or `python:3.12`, against a fifth of that for the `-slim` variants. The base is usually the largest part of an image, so this is the biggest single saving. Trade-offs of the smaller choices: `-slim` keeps glibc and Debian but drops build tools; `-alpine` is smaller still but uses musl libc (native modules and manylinux wheels may need rebuilding, DNS and locale behave differently); distroless has no shell or package manager at all; `scratch` needs a static binary plus CA certificates and time-zone data if the program uses them.',
    before: String.raw`FROM python:3.12
WORKDIR /app
COPY app.py ./
CMD ["python", "app.py"]
`,
    after: String.raw`FROM python:3.12-slim
WORKDIR /app
COPY app.py ./
CMD ["python", "app.py"]
`,
    fixSafety:
      'Unsafe: the slim variant lacks compilers, headers and tools such as git or curl. If a RUN in the final stage compiles native code or uses those tools, it fails (install them there, or build in a separate stage). Offered, off by default, with the size difference from the catalog. The JDK → JRE switch of a final stage that only starts `java` (eclipse-temurin:<version>-jre, -alpine when the JDK was Alpine) is on by default: a JRE runs any jar; only the JDK tools (javac, jcmd, jstack) go. It is not offered when the stage installs OS packages (the JRE image may use another OS) or starts java by its path.',
    whenNotToUse:
      'Development or CI images that need the full toolchain, and builder stages (not reported: they do not ship).',
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    if (!stage) return [];
    const info = baseInfo(ctx, stage);
    if (!info || info.reference.includes('$')) return [];
    if (isSdkBase(info)) return sdkReport(ctx.model, stage, info);
    const slim = slimVariant(ctx, info);
    if (!slim) return [];
    return [
      {
        span: stage.from.span,
        message: fullBaseMessage(info, slim),
        fix: slim.tag ? tagFix(ctx.model, stage, info, slim.tag) : null,
      },
    ];
  },
};

/** A final stage on an SDK that only runs the app: the runtime image to use instead. */
function sdkReport(model: DockerfileModel, stage: Stage, info: BaseInfo): RuleReport[] {
  // A build here is the multi-stage rule's business.
  if (stageBuilds(stage)) return [];
  return [
    {
      span: stage.from.span,
      message: `The final image is built on the SDK image ${info.reference}, but only runs the app: ${runtimeAdvice(info.repo, info.tag)}`,
      fix: jreFix(model, stage, info),
    },
  ];
}

/** The slim tag to suggest (null or '': advice only) and its sizes, for a full base worth reporting. */
interface SlimVariant {
  tag: string | null;
  sizes: string;
}

const mb = (n: number) => `${Math.round(n / 1e6)} MB`;

/** What a full base image can move to, or null when it is not full (or not worth a report). */
function slimVariant(ctx: RuleContext, info: BaseInfo): SlimVariant | null {
  // The family's own spelling of the slim tag (keeps a Debian codename), else the catalog's.
  const heuristic = slimTag(info.repo, info.tag);
  const known = catalogSlim(ctx, info, heuristic);
  // The family's spelling also stands in when the catalog knows the variant but not this tag.
  if (!known?.tag && heuristic) return { tag: heuristic, sizes: known?.sizes ?? '' };
  if (known) return known;
  // Full distributions without a slim variant: advice without a fix.
  // (only when the catalog knows it is large: a 78 MB ubuntu is not much bigger than debian-slim).
  const entry = info.entry;
  if (FULL_OS.test(info.repo) && entry && entry.variant === 'full' && entry.uncompressedBytes >= 120e6)
    return { tag: null, sizes: '' };
  return null;
}

/**
 * The catalog's slim variant of a full image when it saves enough (20 MB and a fifth); its tag
 * and sizes only when the catalog knows this very tag.
 */
function catalogSlim(ctx: RuleContext, info: BaseInfo, heuristic: string | null): SlimVariant | null {
  const entry = info.entry;
  if (!entry || entry.variant !== 'full' || entry.image !== info.repo) return null;
  const alt = fromCatalog(ctx, entry);
  if (
    !alt ||
    entry.uncompressedBytes - alt.uncompressedBytes < 20e6 ||
    alt.uncompressedBytes > entry.uncompressedBytes * 0.8
  )
    return null;
  if (info.match !== 'exact' && info.match !== 'alias') return { tag: null, sizes: '' };
  const tag =
    heuristic && heuristic !== alt.tag && ctx.bases.resolve(`${info.repo}:${heuristic}`).match === 'unknown'
      ? alt.tag
      : (heuristic ?? alt.tag);
  let sizes = ` (${mb(entry.uncompressedBytes)} → ${mb(alt.uncompressedBytes)} on disk)`;
  const others = otherVariants(ctx, entry, alt);
  if (others) sizes += `; smaller still, with more trade-offs: ${others}`;
  return { tag, sizes };
}

function fullBaseMessage(info: BaseInfo, slim: SlimVariant): string {
  if (slim.tag)
    return `The final image is built on the full ${info.repo}:${info.tag ?? 'latest'} image; ${info.repo}:${slim.tag} is ${info.repo === 'debian' ? 'the same release without documentation, locales and extras' : 'the same runtime without compilers and build tools'}${slim.sizes}.`;
  const entry = info.entry;
  return `The final image is built on the full ${info.reference} distribution${entry ? ` (${mb(entry.uncompressedBytes)})` : ''}: a slim, alpine or distroless base ships less.`;
}

/** The edit to the slim tag, only when the final stage's own FROM names the image literally. */
function tagFix(model: DockerfileModel, stage: Stage, info: BaseInfo, suggestion: string) {
  const from = stage.from;
  if (!('image' in stage.base) || from.image.includes('$') || !info.tag || info.digest) return null;
  const src = model.text.slice(from.span.start, from.span.end);
  const at = src.indexOf(from.image);
  const tagAt = at >= 0 ? from.image.lastIndexOf(':' + info.tag) : -1;
  if (at < 0 || tagAt < 0 || tagAt + info.tag.length + 1 !== from.image.length) return null;
  const start = from.span.start + at + tagAt + 1;
  return makeFix(
    `Use ${info.repo}:${suggestion}`,
    'unsafe',
    [{ start, end: start + info.tag.length, text: suggestion }],
    ['The slim variant has no compilers, headers, git or curl: RUN steps that need them fail.'],
  );
}
