// Shared pieces of the multi-stage synthesizers: reading what a single-stage Dockerfile reveals
// (base image and version, the app folder, the commands, what the final image promises) and
// writing the builder and runtime stages. Pure functions over the parsed model; no text parsing
// beyond splitting image references and simple paths.
import type {
  CopyInstruction,
  DockerfileModel,
  FromInstruction,
  Instruction,
  OtherInstruction,
  RunInstruction,
  ShellCommand,
  Stage,
} from '../../model';
import { parseImageRef } from '../../parse/images';
import type { PromiseKey } from '../promises';

export interface SynthesisResult {
  text: string;
  ecosystem: string;
  caveats: string[];
  explanation: string;
  /** What the final image promises that the synthesis changes knowingly (its caveats say how). */
  changes?: PromiseKey[];
}

// ---------------------------------------------------------------------------------------------
// Image references

export interface ImageParts {
  /** Everything before the repository's last path part, with the trailing slash ('' for 'node'). */
  prefix: string;
  /** Last path part of the repository, lower-case: 'node', 'golang', 'sdk'. */
  name: string;
  /** Full repository path without tag/digest, lower-case: 'node', 'mcr.microsoft.com/dotnet/sdk'. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

export function splitImage(ref: string): ImageParts {
  const { registry, name: path, repository, tag, digest } = parseImageRef(ref);
  const full = registry ? `${registry}/${path}` : path;
  const slash = full.lastIndexOf('/');
  return {
    prefix: slash >= 0 ? full.slice(0, slash + 1) : '',
    name: full.slice(slash + 1).toLowerCase(),
    repository,
    tag,
    digest,
  };
}

/** Leading dotted version of a tag: '20.11.1-bookworm' → '20.11.1'; 'lts' → null. */
export function tagVersion(tag: string | null): string | null {
  if (!tag) return null;
  const m = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  return m ? m[1] : null;
}

export function majorOf(version: string | null): string | null {
  return version ? version.split('.')[0] : null;
}

/** 'major.minor' of a version ('3.12.1' → '3.12'); the version itself when shorter. */
export function majorMinor(version: string | null): string | null {
  if (!version) return null;
  return version.split('.').slice(0, 2).join('.');
}

export function isAlpineTag(tag: string | null): boolean {
  return !!tag && /alpine/i.test(tag);
}

/** Debian release named in a tag ('1.22-bookworm' → 'bookworm'), else null. */
export function debianRelease(tag: string | null): string | null {
  const m = /(bookworm|bullseye|buster|trixie|stretch)/i.exec(tag ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** Alpine release named in a tag ('20-alpine3.19' → '3.19'), else null. */
export function alpineRelease(tag: string | null): string | null {
  const m = /alpine(\d+\.\d+)/i.exec(tag ?? '');
  return m ? m[1] : null;
}

/** Base image tags that already are small runtimes (nothing for a multi-stage build to remove). */
export function isSlimTag(tag: string | null): boolean {
  return !!tag && /(slim|alpine|distroless|chiseled|minimal|jre)/i.test(tag);
}

// ---------------------------------------------------------------------------------------------
// Model access

export function isRun(i: Instruction): i is RunInstruction {
  return i.keyword === 'RUN';
}

export function isCopy(i: Instruction): i is CopyInstruction {
  return i.keyword === 'COPY' || i.keyword === 'ADD';
}

/** Arguments of WORKDIR/USER/EXPOSE/... (the parser's resolved list, or a split of the text). */
export function simpleArgs(i: Instruction): string[] {
  const args = (i as OtherInstruction).args;
  if (Array.isArray(args) && args.length) return args;
  return i.argsAfterFlags.trim().split(/\s+/).filter(Boolean);
}

/** Every command of every RUN of the stage, with the RUN it belongs to. */
export function stageCommands(stage: Stage): { run: RunInstruction; cmd: ShellCommand; index: number }[] {
  const out: { run: RunInstruction; cmd: ShellCommand; index: number }[] = [];
  for (const ins of stage.instructions) {
    if (!isRun(ins) || !ins.shell) continue;
    ins.shell.commands.forEach((cmd, index) => out.push({ run: ins, cmd, index }));
  }
  return out;
}

/** The program's base name ('/usr/local/bin/npm' → 'npm'). */
export function programName(cmd: ShellCommand): string {
  const name = cmd.name || '';
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** Arguments without options ('-y', '--no-cache'): the positional words. */
export function positional(args: string[]): string[] {
  return args.filter((a) => !a.startsWith('-'));
}

/** Resolve a container path against a working directory. */
export function resolvePath(workdir: string | null, p: string): string {
  const base = workdir && workdir.startsWith('/') ? workdir : '/' + (workdir ?? '');
  const raw = p.startsWith('/') ? p : base.replace(/(?<!\/)\/+$/, '') + '/' + p;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function dirname(p: string): string {
  const i = p.replace(/(?<!\/)\/+$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  const t = p.replace(/(?<!\/)\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

/** True for `COPY . <dest>` / `ADD . <dest>`: the whole build context. */
export function copiesWholeContext(c: CopyInstruction): boolean {
  return c.from === null && c.sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
}

/** The working directory in effect at each instruction of the stage (resolved, absolute or null). */
export function workdirs(stage: Stage): Map<Instruction, string | null> {
  const out = new Map<Instruction, string | null>();
  let wd: string | null = null;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') {
      const arg = simpleArgs(ins)[0];
      if (arg) wd = resolvePath(wd, arg.replace(/^["']|["']$/g, ''));
    }
    out.set(ins, wd);
  }
  return out;
}

/** Words of CMD/ENTRYPOINT: the JSON array, or a whitespace split of a simple shell form. */
export function commandWords(i: Instruction | null): string[] | null {
  if (!i) return null;
  if (i.form === 'json' && i.json) return i.json;
  const text = i.argsAfterFlags.trim();
  if (!text) return null;
  return text.split(/\s+/);
}

/** The words of the program a command runs, looking through `sh -c "…"` and a leading `exec`
 *  (`["sh", "-c", "exec java $JAVA_OPTS -jar app.jar"]` → java $JAVA_OPTS -jar app.jar). */
export function programWords(words: string[] | null): string[] | null {
  if (!words?.length) return words;
  let w = words;
  if (/^(sh|bash|ash|dash)$/.test(basename(w[0])) && w[1] === '-c' && w.length === 3)
    w = w[2].trim().split(/\s+/);
  if (w[0] === 'exec') w = w.slice(1);
  return w.length ? w : null;
}

/** A shell-form command that is a plain list of words: safe to write as exec form. */
export function isSimpleShellCommand(text: string): boolean {
  return !/[|&;<>()$`\\"'*?[\]{}~#=]/.test(text) && text.trim().length > 0;
}

export function lastOf(stage: Stage, keyword: string): Instruction | null {
  let out: Instruction | null = null;
  for (const i of stage.instructions) if (i.keyword === keyword) out = i;
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the final image promises (carried verbatim into the runtime stage)

export interface StageFacts {
  model: DockerfileModel;
  stage: Stage;
  from: FromInstruction;
  image: ImageParts;
  /** The base image as resolved (ARGs substituted) or as written. */
  baseRef: string;
  /** The base image as written (global ARGs are kept, so `golang:${GO_VERSION}` stays usable). */
  builderRef: string;
  workdir: string | null;
  cmd: Instruction | null;
  entrypoint: Instruction | null;
  user: Instruction | null;
  /** Effective program words: ENTRYPOINT + CMD (CMD alone when there is no ENTRYPOINT). */
  runWords: string[] | null;
  commands: { run: RunInstruction; cmd: ShellCommand; index: number }[];
  copies: CopyInstruction[];
}

/** The single stage a synthesizer can restructure, or null (already multi-stage, no stage...). */
export function singleStageFacts(model: DockerfileModel): StageFacts | null {
  if (model.stages.length !== 1) return null;
  const stage = model.stages[0];
  if (!('image' in stage.base)) return null;
  if (stage.instructions.some((i) => i.keyword === 'ONBUILD')) return null;
  const from = stage.from;
  const baseRef = from.resolvedImage ?? from.image;
  if (/\$/.test(baseRef)) return null;
  const cmd = lastOf(stage, 'CMD');
  const entrypoint = lastOf(stage, 'ENTRYPOINT');
  const ep = commandWords(entrypoint);
  const cw = commandWords(cmd);
  return {
    model,
    stage,
    from,
    image: splitImage(baseRef),
    baseRef,
    builderRef: from.image,
    workdir: stage.workdir ?? workdirs(stage).get(stage.instructions[stage.instructions.length - 1]) ?? null,
    cmd,
    entrypoint,
    user: lastOf(stage, 'USER'),
    runWords: ep ? [...ep, ...(cw ?? [])] : cw,
    commands: stageCommands(stage),
    copies: stage.instructions.filter(isCopy),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Instruction text as written, without trailing blank lines. */
export function rawOf(i: Instruction): string {
  return i.raw.trimEnd();
}

/** Parser directives and global ARGs: the top of every synthesized file. */
export function preamble(model: DockerfileModel, opts: { syntax?: boolean } = {}): string[] {
  const out: string[] = [];
  const syntax = model.directives.all.find((d) => d.name.toLowerCase() === 'syntax');
  if (syntax) out.push(`# syntax=${syntax.value}`);
  else if (opts.syntax) out.push('# syntax=docker/dockerfile:1');
  for (const d of model.directives.all) {
    if (d.name.toLowerCase() === 'syntax') continue;
    out.push(`# ${d.name}=${d.value}`);
  }
  for (const a of model.globalArgs) out.push(rawOf(a));
  if (out.length) out.push('');
  return out;
}

/** `FROM [--platform=..] image AS name` keeping the original's platform flag. */
export function fromLine(facts: StageFacts, image: string, name: string | null): string {
  const platform = facts.from.flags.find((f) => f.name === 'platform');
  const flag = platform ? `--platform=${platform.value} ` : '';
  return `FROM ${flag}${image}${name ? ` AS ${name}` : ''}`;
}

/** ARG and ENV instructions of the stage, as written, in order (builders need them too). */
export function argEnvLines(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === 'ARG' || i.keyword === 'ENV').map(rawOf);
}

/** The keywords that describe the running container (kept in the final stage, not the builder). */
export const RUNTIME_KEYWORDS = new Set([
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'HEALTHCHECK',
  'VOLUME',
  'STOPSIGNAL',
  'LABEL',
  'MAINTAINER',
]);

/** Runtime-describing instructions in their original order (USER handled by the caller). */
export function runtimeTail(stage: Stage, opts: { user?: string | null } = {}): string[] {
  const out: string[] = [];
  let userWritten = false;
  for (const i of stage.instructions) {
    if (i.keyword === 'USER') continue;
    if (['EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD'].includes(i.keyword)) {
      if (!userWritten && opts.user) {
        out.push(opts.user);
        userWritten = true;
      }
      out.push(rawOf(i));
    }
  }
  if (!userWritten && opts.user) out.push(opts.user);
  return out;
}

export function labelLines(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === 'LABEL').map(rawOf);
}

/** The ENV keys the stage sets. */
export function envKeys(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const i of stage.instructions) {
    if (i.keyword !== 'ENV') continue;
    for (const p of (i as { pairs?: { key: string }[] }).pairs ?? []) out.add(p.key);
  }
  return out;
}

/** Joins the lines into a file (one trailing newline). */
export function joinLines(lines: string[]): string {
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '') + '\n'
  ).replace(/(?<!\n)\n+$/, '\n');
}

/** A RUN line from shell commands joined with `&&` and continuations. */
export function runLine(commands: string[], flags: string[] = []): string {
  const head = ['RUN', ...flags].join(' ');
  if (commands.length === 1) return `${head} ${commands[0]}`;
  return `${head} ${commands.join(' \\\n    && ')}`;
}

/** Rebuilds a RUN whose commands are all top-level and joined by && / ;, replacing some. */
export function rewriteRun(
  run: RunInstruction,
  map: (cmd: ShellCommand, index: number) => string | null,
): string | null {
  if (!run.shell || run.heredocs.length || run.shell.skipped || run.form === 'json') return null;
  const cmds = run.shell.commands;
  if (!cmds.length) return null;
  if (cmds.some((c) => c.nested || (c.connector !== null && c.connector !== '&&' && c.connector !== ';')))
    return null;
  const parts: string[] = [];
  for (let k = 0; k < cmds.length; k++) {
    const next = map(cmds[k], k);
    if (next !== null && next !== '') parts.push(next);
  }
  if (!parts.length) return '';
  const flags = run.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
  return runLine(parts, flags);
}

// ---------------------------------------------------------------------------------------------
// OS packages: what the builder needs versus what the running app needs

const BUILD_ONLY = new Set([
  'build-essential',
  'gcc',
  'g++',
  'cpp',
  'clang',
  'make',
  'cmake',
  'ninja-build',
  'autoconf',
  'automake',
  'libtool',
  'pkg-config',
  'pkgconf',
  'pkgconfig',
  'git',
  'musl-dev',
  'linux-headers',
  'python3-dev',
  'python-dev',
  'alpine-sdk',
  'build-base',
  'gfortran',
  'bison',
  'flex',
  'swig',
  'rustc',
  'cargo',
  'golang',
  'golang-go',
  'go',
  'maven',
  'gradle',
  'unzip',
  'patch',
  'dpkg-dev',
  'software-properties-common',
  'gnupg',
  'gnupg2',
  'apt-transport-https',
  'lsb-release',
]);

/** Development package → the runtime library the built code loads (Debian bookworm names). */
const APT_RUNTIME: Record<string, string> = {
  'libpq-dev': 'libpq5',
  'libffi-dev': 'libffi8',
  'libssl-dev': 'libssl3',
  'libxml2-dev': 'libxml2',
  'libxslt1-dev': 'libxslt1.1',
  'libxslt-dev': 'libxslt1.1',
  'libjpeg-dev': 'libjpeg62-turbo',
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libpng-dev': 'libpng16-16',
  'zlib1g-dev': 'zlib1g',
  'default-libmysqlclient-dev': 'libmariadb3',
  'libmariadb-dev': 'libmariadb3',
  'libmariadb-dev-compat': 'libmariadb3',
  'libmysqlclient-dev': 'libmariadb3',
  'libsqlite3-dev': 'libsqlite3-0',
  'libcurl4-openssl-dev': 'libcurl4',
  'libgeos-dev': 'libgeos-c1v5',
  'libmagic-dev': 'libmagic1',
  'libyaml-dev': 'libyaml-0-2',
  'libbz2-dev': 'libbz2-1.0',
  'libreadline-dev': 'libreadline8',
  'libncurses-dev': 'libncursesw6',
  'libncurses5-dev': 'libncursesw6',
  'libsasl2-dev': 'libsasl2-2',
  'libldap2-dev': 'libldap-2.5-0',
  'libzmq3-dev': 'libzmq5',
  'libwebp-dev': 'libwebp7',
  'libtiff-dev': 'libtiff6',
  'libtiff5-dev': 'libtiff6',
  'libfreetype6-dev': 'libfreetype6',
  'liblcms2-dev': 'liblcms2-2',
  'libopenjp2-7-dev': 'libopenjp2-7',
  'libgmp-dev': 'libgmp10',
  'libpcre3-dev': 'libpcre3',
  'libevent-dev': 'libevent-2.1-7',
  'libboost-all-dev': '',
  'libprotobuf-dev': 'libprotobuf32',
  'libgl1-mesa-dev': 'libgl1',
  'libglib2.0-dev': 'libglib2.0-0',
  'libcairo2-dev': 'libcairo2',
  'libpango1.0-dev': 'libpango-1.0-0',
  'libgdal-dev': 'gdal-bin',
  'libkrb5-dev': 'libkrb5-3',
  'libaio-dev': 'libaio1',
  'libsnappy-dev': 'libsnappy1v5',
  'liblzma-dev': 'liblzma5',
  'libzstd-dev': 'libzstd1',
  'libopenblas-dev': 'libopenblas0',
  'liblapack-dev': 'liblapack3',
  'libblas-dev': 'libblas3',
  'unixodbc-dev': 'unixodbc',
  'libre2-dev': 'libre2-9',
};

const APK_RUNTIME: Record<string, string> = {
  'postgresql-dev': 'libpq',
  'libpq-dev': 'libpq',
  'libffi-dev': 'libffi',
  'openssl-dev': 'libssl3',
  'libressl-dev': 'libssl3',
  'jpeg-dev': 'libjpeg-turbo',
  'libjpeg-turbo-dev': 'libjpeg-turbo',
  'zlib-dev': 'zlib',
  'libxml2-dev': 'libxml2',
  'libxslt-dev': 'libxslt',
  'mariadb-dev': 'mariadb-connector-c',
  'mariadb-connector-c-dev': 'mariadb-connector-c',
  'sqlite-dev': 'sqlite-libs',
  'curl-dev': 'libcurl',
  'yaml-dev': 'yaml',
  'libpng-dev': 'libpng',
  'freetype-dev': 'freetype',
  'libwebp-dev': 'libwebp',
  'tiff-dev': 'tiff',
  'lcms2-dev': 'lcms2',
  'openjpeg-dev': 'openjpeg',
  'geos-dev': 'geos',
  libmagic: 'libmagic',
  'readline-dev': 'readline',
  'ncurses-dev': 'ncurses-libs',
  'gmp-dev': 'gmp',
  'libzmq-dev': 'libzmq',
  'zeromq-dev': 'libzmq',
  'cyrus-sasl-dev': 'cyrus-sasl',
  'openldap-dev': 'libldap',
  'krb5-dev': 'krb5-libs',
  'libevent-dev': 'libevent',
  'pcre-dev': 'pcre',
  'bzip2-dev': 'libbz2',
  'xz-dev': 'xz-libs',
  'zstd-dev': 'zstd-libs',
  'openblas-dev': 'openblas',
  'unixodbc-dev': 'unixodbc',
};

export interface OsPackages {
  manager: 'apt' | 'apk' | null;
  /** Everything the original installed (the builder keeps these installs as written). */
  all: string[];
  /** What the final stage needs: runtime packages and the libraries of -dev packages. */
  runtime: string[];
  /** Build-only packages left out of the final stage. */
  dropped: string[];
  /** -dev packages with no known runtime counterpart (a caveat names them). */
  unmapped: string[];
}

function stripVersion(pkg: string): string {
  return pkg.replace(/[=<>~][\s\S]*$/, '').replace(/:(amd64|arm64|i386|all)$/, '');
}

/** OS packages installed by the stage's RUNs, split into build-only and runtime needs. */
export function osPackages(facts: StageFacts): OsPackages {
  const out: OsPackages = { manager: null, all: [], runtime: [], dropped: [], unmapped: [] };
  for (const { cmd } of facts.commands) {
    const prog = programName(cmd);
    const args = cmd.args;
    let names: string[] = [];
    if ((prog === 'apt-get' || prog === 'apt') && args.includes('install')) {
      out.manager = 'apt';
      names = positional(args.slice(args.indexOf('install') + 1));
    } else if (prog === 'apk' && args.includes('add')) {
      out.manager = 'apk';
      const rest = args.slice(args.indexOf('add') + 1);
      // `--virtual .name pkg...`: the name after --virtual / -t is not a package.
      const skip = new Set<number>();
      rest.forEach((a, k) => {
        if (a === '--virtual' || a === '-t') skip.add(k + 1);
      });
      names = rest.filter((a, k) => !a.startsWith('-') && !skip.has(k));
    } else continue;
    for (const raw of names) {
      if (/\$/.test(raw)) continue;
      const name = stripVersion(raw);
      if (!name || out.all.includes(name)) continue;
      out.all.push(name);
      const map = out.manager === 'apk' ? APK_RUNTIME : APT_RUNTIME;
      if (BUILD_ONLY.has(name)) out.dropped.push(name);
      else if (name in map) {
        out.dropped.push(name);
        if (map[name]) out.runtime.push(map[name]);
      } else if (/-dev(el)?$/.test(name) || /-headers$/.test(name)) {
        out.dropped.push(name);
        out.unmapped.push(name);
      } else out.runtime.push(name);
    }
  }
  out.runtime = [...new Set(out.runtime)];
  return out;
}

/** A cleaned install of the runtime packages for the final stage ('' when none). */
export function osInstallLine(manager: 'apt' | 'apk' | null, packages: string[]): string {
  if (!packages.length || !manager) return '';
  const list = [...packages].sort().join(' ');
  if (manager === 'apk') return `RUN apk add --no-cache ${list}`;
  return runLine([
    'apt-get update',
    `apt-get install -y --no-install-recommends ${list}`,
    'rm -rf /var/lib/apt/lists/*',
  ]);
}

// ---------------------------------------------------------------------------------------------
// RUN commands the final stage must repeat (users, folders, permissions) versus build work

const CARRY = new Set([
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
  'usermod',
  'mkdir',
  'chown',
  'chmod',
  'ln',
  'touch',
  'true',
  'set',
]);
const OS_PKG = new Set(['apt-get', 'apt', 'apk', 'dpkg-reconfigure', 'update-ca-certificates']);

/** RUN instructions made only of user/folder/permission commands: repeated in the runtime stage. */
export function carriedRuns(facts: StageFacts): RunInstruction[] {
  const out: RunInstruction[] = [];
  for (const ins of facts.stage.instructions) {
    if (!isRun(ins) || !ins.shell || ins.shell.skipped || ins.heredocs.length) continue;
    const cmds = ins.shell.commands;
    if (!cmds.length) continue;
    const progs = cmds.map(programName);
    if (
      progs.every((p) => CARRY.has(p) || p === 'rm') &&
      progs.some((p) => CARRY.has(p) && p !== 'true' && p !== 'set')
    )
      out.push(ins);
  }
  return out;
}

/** True when a RUN only installs OS packages / cleans their caches (handled by osInstallLine). */
export function isOsOnlyRun(run: RunInstruction): boolean {
  if (!run.shell || !run.shell.commands.length) return false;
  return run.shell.commands.every((c) => {
    const p = programName(c);
    return OS_PKG.has(p) || p === 'rm' || p === 'true' || p === 'set' || p === 'echo';
  });
}

/** Lines of RUN instructions that ran only in the builder and were neither build nor install work. */
export function unknownRunLines(facts: StageFacts, known: (cmd: ShellCommand) => boolean): number[] {
  const carried = new Set(carriedRuns(facts));
  const lines: number[] = [];
  for (const ins of facts.stage.instructions) {
    if (!isRun(ins) || carried.has(ins)) continue;
    const cmds = ins.shell?.commands ?? [];
    const unknown = cmds.some((c) => {
      const p = programName(c);
      if (
        OS_PKG.has(p) ||
        CARRY.has(p) ||
        p === 'rm' ||
        p === 'echo' ||
        p === 'cd' ||
        p === 'cp' ||
        p === 'mv'
      )
        return false;
      if (p === 'npm' || p === 'yarn' || p === 'pnpm') return false;
      return !known(c);
    });
    if (unknown) lines.push(ins.span.line);
  }
  return lines;
}

export function builderOnlyCaveat(lines: number[]): string[] {
  if (!lines.length) return [];
  const list = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
  return [
    `The RUN at ${list} now runs only in the build stage. If it installs or downloads something the running app needs (outside the copied files), repeat it in the final stage.`,
  ];
}

/** HEALTHCHECK needs curl/wget in the final image: which one (null when none). */
export function healthcheckTool(stage: Stage): 'curl' | 'wget' | null {
  const hc = lastOf(stage, 'HEALTHCHECK');
  if (!hc) return null;
  const text = hc.argsText;
  if (/\bcurl\b/.test(text)) return 'curl';
  if (/\bwget\b/.test(text)) return 'wget';
  return null;
}

/** Whether the final stage needs a shell: shell-form CMD/ENTRYPOINT or a HEALTHCHECK command. */
export function needsShell(facts: StageFacts): boolean {
  for (const i of [facts.cmd, facts.entrypoint]) {
    if (i && i.form !== 'json' && !isSimpleShellCommand(i.argsAfterFlags)) return true;
  }
  const hc = lastOf(facts.stage, 'HEALTHCHECK');
  if (hc && !/^\s*NONE\b/i.test(hc.argsAfterFlags)) return true;
  return false;
}

/** CMD/ENTRYPOINT as exec form when a shell-less runtime needs it (simple shell forms only). */
export function execFormLine(i: Instruction): string {
  if (i.form === 'json' || !isSimpleShellCommand(i.argsAfterFlags)) return rawOf(i);
  const words = i.argsAfterFlags.trim().split(/\s+/);
  return `${i.keyword} ${JSON.stringify(words).replace(/","/g, '", "')}`;
}

/** USER kept as written, or a default for a root-running original. */
export function userLine(facts: StageFacts, fallback: string | null): string | null {
  if (facts.user) return rawOf(facts.user);
  return fallback ? `USER ${fallback}` : null;
}

// ---------------------------------------------------------------------------------------------
// The builder stage: the original stage, renamed, with the dependency manifests copied (and the
// dependencies installed) before the whole build context, so that a source change keeps the
// dependency layer cached.

export interface BuilderPlan {
  name: string;
  image: string;
  /** Files copied before the whole context (null: no reordering). */
  manifests?: string[] | null;
  /** Commands that install dependencies: moved before the whole-context COPY when possible. */
  isInstall?: (cmd: ShellCommand) => boolean;
  /** Commands inserted after the manifests when nothing was moved (e.g. `go mod download`). */
  prefetch?: string[];
  /** Replace a command's text (undefined: unchanged; '' drops it). */
  mapCommand?: (cmd: ShellCommand, run: RunInstruction) => string | undefined;
  /** Lines appended at the end of the stage. */
  tail?: string[];
  /** Keep USER instructions in the builder (default true: installs may rely on them). */
  keepUser?: boolean;
}

export interface BuilderOutput {
  lines: string[];
  /** True when the manifests now come before the whole context. */
  reordered: boolean;
}

function quoteWord(w: string): string {
  if (w === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w)) return w;
  if (/^-[A-Za-z]+=.*$/.test(w) && !w.includes("'")) {
    const eq = w.indexOf('=');
    return w.slice(0, eq + 1) + `'${w.slice(eq + 1)}'`;
  }
  return `'${w.replace(/'/g, `'\\''`)}'`;
}

/** A command's text from its parts (used when a command is edited). */
export function commandText(env: Record<string, string>, name: string, args: string[]): string {
  const envText = Object.entries(env).map(([k, v]) => `${k}=${quoteWord(v)}`);
  return [...envText, name, ...args.map(quoteWord)].join(' ');
}

function isManifestCopy(c: CopyInstruction, manifests: string[]): boolean {
  const names = new Set(manifests.map((m) => basename(m).replace(/\*$/, '')));
  return (
    c.from === null &&
    c.sources.some((s) => [...names].some((n) => basename(s).startsWith(n.replace(/\*.*/, ''))))
  );
}

export function builderStage(facts: StageFacts, plan: BuilderPlan): BuilderOutput {
  const ins = facts.stage.instructions;
  const lines: string[] = [fromLine(facts, plan.image, plan.name)];
  const C = ins.findIndex((i) => isCopy(i) && copiesWholeContext(i));
  let moveAt = -1;
  let R: RunInstruction | null = null;
  let installTexts: string[] = [];
  let remainder: string | null = null;
  const between = new Set<Instruction>();
  const manifests = plan.manifests ?? null;
  if (C > 0 && manifests && manifests.length) {
    const already = ins.slice(0, C).some((i) => isCopy(i) && isManifestCopy(i, manifests));
    if (!already) {
      if (plan.isInstall) {
        for (let k = C + 1; k < ins.length; k++) {
          const i = ins[k];
          if (isCopy(i) && i.from === null) {
            between.add(i);
            continue;
          }
          if (!isRun(i)) break;
          const cmds = i.shell?.commands ?? [];
          let n = 0;
          while (n < cmds.length && !cmds[n].nested && plan.isInstall(cmds[n])) n++;
          if (n > 0 && !i.heredocs.length) {
            const rest = rewriteRun(i, (_c, idx) => (idx < n ? null : _c.text));
            if (rest !== null) {
              R = i;
              installTexts = cmds
                .slice(0, n)
                .map((c) => plan.mapCommand?.(c, i) ?? c.text)
                .filter(Boolean);
              remainder = rest;
            }
          }
          break;
        }
      }
      if (R || (plan.prefetch && plan.prefetch.length)) moveAt = C;
      if (!R) between.clear();
    }
  }
  const keepUser = plan.keepUser ?? true;
  for (let k = 1; k < ins.length; k++) {
    const i = ins[k];
    if (RUNTIME_KEYWORDS.has(i.keyword)) continue;
    if (i.keyword === 'USER' && !keepUser) continue;
    if (between.has(i)) continue;
    if (k === moveAt) {
      const c = i as CopyInstruction;
      const flags = c.flags
        .filter((f) => f.name === 'chown' || f.name === 'chmod' || f.name === 'link')
        .map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
      const dest =
        c.destination === '.' ? './' : c.destination.endsWith('/') ? c.destination : c.destination + '/';
      lines.push(['COPY', ...flags, ...manifests!, dest].join(' '));
      for (const b of between) lines.push(rawOf(b));
      if (R) {
        const runFlags = R.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
        lines.push(runLine(installTexts, runFlags));
      } else if (plan.prefetch) lines.push(runLine(plan.prefetch));
      lines.push(rawOf(i));
      continue;
    }
    if (i === R) {
      if (remainder) lines.push(mapRunText(i, installTexts.length, plan));
      continue;
    }
    if (isRun(i)) {
      lines.push(mapRunText(i, 0, plan));
      continue;
    }
    lines.push(rawOf(i));
  }
  if (plan.tail) lines.push(...plan.tail);
  return { lines, reordered: moveAt >= 0 };
}

/** Applies plan.mapCommand to a RUN, leaving out its first `skip` commands (moved earlier). */
function mapRunText(run: RunInstruction, skip: number, plan: BuilderPlan): string {
  const cmds = run.shell?.commands ?? [];
  const mapped = plan.mapCommand ? cmds.map((c) => plan.mapCommand!(c, run)) : [];
  if (skip === 0 && !mapped.some((m) => m !== undefined)) return rawOf(run);
  const whole = rewriteRun(run, (c, idx) => (idx < skip ? null : (mapped[idx] ?? c.text)));
  if (whole !== null) return whole;
  // A RUN too intricate to rebuild: replace the command's text where it appears verbatim.
  let raw = rawOf(run);
  cmds.forEach((c, idx) => {
    const m = mapped[idx];
    if (m !== undefined && raw.includes(c.text)) raw = raw.replace(c.text, m);
  });
  return raw;
}

const SOURCE_LIKE =
  /^(\.|\.\/|go\.(mod|sum)|.*\.(go|rs|java|kt|scala|cs|fs|vb|c|cc|cpp|h|hpp|ts|tsx|js|jsx|mjs|py)|cmd|internal|pkg|src|lib|include|vendor|crates|Cargo\.(toml|lock)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle|gradlew|mvnw|\.mvn|.*\.(csproj|sln|fsproj)|package(-lock)?\.json|CMakeLists\.txt|Makefile|tsconfig.*\.json|requirements.*\.txt|pyproject\.toml|poetry\.lock|uv\.lock|setup\.(py|cfg))$/;

/**
 * Files the original copied from the build context to places outside the build folders (a
 * config in /etc, an entrypoint script in /): the running app may read them, so the final stage
 * copies them too, with the destination made absolute.
 */
export function assetCopies(facts: StageFacts, buildDirs: string[], insideFromBuild = true): string[] {
  const wd = workdirs(facts.stage);
  const out: string[] = [];
  const inside = (p: string) =>
    buildDirs.some((d) => d === '/' || p === d || p.startsWith(d.replace(/\/$/, '') + '/'));
  for (const c of facts.copies) {
    if (c.from !== null || c.remoteSources.length || c.heredocs.length || copiesWholeContext(c)) continue;
    if (c.sources.some((s) => /\$/.test(s)) || /\$/.test(c.destination)) continue;
    const abs = resolvePath(wd.get(c) ?? null, c.destination);
    if (inside(abs)) {
      if (!insideFromBuild) continue;
      // Inside the source tree: sources and manifests stay behind; other deliberate copies
      // (migrations, templates, config, static files) come from the build stage as they are there.
      if (c.sources.every((src) => SOURCE_LIKE.test(basename(src)))) continue;
      if (c.sources.length !== 1) continue;
      const target = c.destination.endsWith('/')
        ? abs.replace(/\/$/, '') + '/' + basename(c.sources[0])
        : abs;
      if (buildDirs.includes(target)) continue;
      out.push(`COPY --from=build ${target} ${target}`);
      continue;
    }
    const dest = abs + (c.destination.endsWith('/') && abs !== '/' ? '/' : '');
    const flags = c.flags
      .filter((f) => f.name === 'chown' || f.name === 'chmod' || f.name === 'link')
      .map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
    out.push(['COPY', ...flags, ...c.sources, dest].join(' '));
  }
  return out;
}

/** Folders the sources were copied into (whole-context COPY destinations) and builds ran in. */
export function buildDirs(facts: StageFacts, runs: RunInstruction[]): string[] {
  const wd = workdirs(facts.stage);
  const dirs = new Set<string>();
  for (const c of facts.copies)
    if (copiesWholeContext(c)) dirs.add(resolvePath(wd.get(c) ?? null, c.destination));
  for (const r of runs) {
    const w = wd.get(r);
    if (w) dirs.add(w);
  }
  return [...dirs];
}
