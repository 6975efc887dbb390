// The Dockerfile model: what the parser makes of the text, and what the size model, the rules and
// the rewriter read. Rules never parse text themselves; everything they need is here.
// Lines are 1-based; offsets are UTF-16 indices into the original text (for edits).

export interface Span {
  line: number; // 1-based first line
  endLine: number; // 1-based last line
  start: number; // offset of the first character
  end: number; // offset just past the last character
}

export interface Flag {
  name: string; // without the leading dashes, lower-case: 'from', 'chown', 'mount', 'link', ...
  value: string | null; // null for a bare flag such as --link
  span: Span;
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh' | string;

export interface Mount {
  type: MountType;
  target: string | null;
  id: string | null;
  source: string | null;
  from: string | null;
  /** Every key=value of the flag, as written. */
  options: Record<string, string>;
}

export interface Heredoc {
  name: string; // the delimiter word, e.g. EOF
  content: string; // the body, tab-stripped for <<-
  stripTabs: boolean; // <<-
  quoted: boolean; // <<'EOF' (no expansion)
  /** The body lines and the closing delimiter line (to the end of the file when never closed). */
  span: Span;
}

export interface KeyValue {
  key: string;
  value: string | null; // null for ARG without a default
  /** The value with variables resolved as Docker would, where it could be. */
  resolved: string | null;
}

// ---------------------------------------------------------------------------------------------
// Shell commands in RUN

export type Connector = '&&' | '||' | ';' | '|' | '&' | null;

export interface ShellCommand {
  /** Program name as written (quotes resolved), e.g. 'apt-get'; '' when the name is dynamic. */
  name: string;
  /** Arguments with quotes resolved; variables resolved where known. */
  args: string[];
  /** The command's text as written. */
  text: string;
  /** Offsets within the instruction's shell source (see ShellScript.source). */
  start: number;
  end: number;
  /** The operator that joins this command to the previous one (null for the first). */
  connector: Connector;
  /** Leading assignments such as `CGO_ENABLED=0 go build`. */
  env: Record<string, string>;
  /** Inside ( ), $( ), if/for/while/case bodies: may not run unconditionally. */
  nested: boolean;
  /** Redirections such as `> /dev/null`, `2>&1`, `>> file`. */
  redirects: { op: string; target: string }[];
  /** Bodies of heredocs fed to this command. */
  heredocs: string[];
  /** The command's place in the original Dockerfile text, when it maps there (null for JSON-form -c strings). */
  span?: Span | null;
}

export interface ShellScript {
  /**
   * The shell text that was parsed (continuations joined, comment lines removed). For `RUN <<EOF`
   * it is the heredoc body; for `RUN cmd <<EOF` it is the first line (the bodies are in
   * ShellCommand.heredocs); for JSON form `["sh", "-c", "..."]` it is the -c string.
   */
  source: string;
  commands: ShellCommand[];
  /** `set -e` (or -eux...) in effect for the script. */
  errexit: boolean;
  /** `set -o pipefail` in effect. */
  pipefail: boolean;
  /**
   * Set when the text is not a POSIX shell script: PowerShell / cmd (commands not parsed), or a
   * JSON-form RUN that does not start a shell (`RUN ["apk", "add", "x"]`: `commands` then holds the
   * one exec'd program, and effects are derived from it), or a heredoc script with a non-shell
   * shebang (commands empty).
   */
  skipped: 'powershell' | 'cmd' | 'json-form-non-shell' | null;
  /** Parse problems the shell parser found (ERROR/MISSING nodes); offset into `source`, span in the Dockerfile when it maps. */
  errors: { offset: number; message: string; span?: Span | null }[];
  effects: Effect[];
  /** Which parser produced the commands: tree-sitter, or the built-in splitter used before it loads. */
  parser?: 'tree-sitter' | 'fallback' | 'none';
}

// The package managers and which of them install OS packages are declared by the ecosystem modules.
export type { PackageManager } from './ecosystems';
export { OS_MANAGERS } from './ecosystems';
import type { PackageManager } from './ecosystems';
import type { AccountEffect, PackageMarkEffect } from './model-effects';
export type { AccountEffect, PackageMarkEffect } from './model-effects';

export interface PackageSpec {
  name: string;
  version: string | null; // 'curl=7.88.1-10' → '7.88.1-10'; 'flask==3.0' → '3.0'
  raw: string;
}

export type Effect =
  | {
      kind: 'package-index-update';
      manager: PackageManager;
      command: number; // index into ShellScript.commands
    }
  | {
      kind: 'package-install';
      manager: PackageManager;
      packages: PackageSpec[];
      /** Installs from a manifest (requirements.txt, package.json, go.mod, ...) rather than names. */
      fromManifest: string | null;
      /** apt --no-install-recommends, dnf --setopt=install_weak_deps=False, ... */
      noRecommends: boolean;
      /** apk --no-cache, pip --no-cache-dir, ... (nothing cached by this command) */
      noCache: boolean;
      /** npm ci --omit=dev, yarn --production, pip (n/a), bundle --without development, ... */
      productionOnly: boolean;
      /** `-y` / `--yes` / `-q -y` for OS managers that otherwise prompt. */
      assumeYes: boolean;
      /** Installs globally/system-wide (npm -g, pip outside a venv, gem) vs. into the project. */
      global: boolean;
      /** apk --virtual .build-deps NAME (removed later as a group). */
      virtualName: string | null;
      flags: string[];
      command: number;
      /** (additive) Cache folders the environment names for this tool (PIP_CACHE_DIR, GOMODCACHE...). */
      cacheDirs?: string[];
      /** (additive) The tool's subcommand as written ('ci', 'install', 'sync', 'get', ...). */
      verb?: string;
      /**
       * (additive) Where a Python installer was told to put the packages: `--prefix`/`--root`
       * (prefix), `--target` (target), `--user` (user), or the project's own .venv (in-project:
       * `poetry config virtualenvs.in-project true` earlier in the RUN).
       */
      destination?: { kind: 'prefix' | 'target' | 'user' | 'in-project'; path: string | null };
      /** (additive) pip: the requirement and constraint files it reads (`-r`, `-c`), as given. */
      requirements?: string[];
      /** (additive) pip: local projects it installs (`.`, `./pkg`, a wheel file, `-e DIR`). */
      local?: string[];
    }
  | {
      kind: 'package-remove';
      manager: PackageManager;
      packages: PackageSpec[];
      purge: boolean;
      autoremove: boolean;
      command: number;
    }
  | PackageMarkEffect
  | {
      kind: 'cache-clean';
      /**
       * Which cache: 'apt-lists', 'apt-archives', 'apk', 'dnf', 'yum', 'zypper', 'pip', 'uv', 'poetry',
       * 'conda', 'npm', 'yarn', 'pnpm', 'bun', 'go', 'cargo', 'maven', 'gradle', 'composer', 'gem',
       * 'dotnet', 'user-cache' (all of ~/.cache), 'tmp' (/tmp, /var/tmp). See parse/effects/files.ts.
       */
      cache: string;
      paths: string[];
      command: number;
    }
  | {
      kind: 'remove';
      paths: string[];
      command: number;
      /** (additive) `find DIR … -delete`: only matching files under the paths go, not the paths. */
      matching?: boolean;
    }
  | {
      kind: 'download';
      tool: 'curl' | 'wget' | 'add' | 'git';
      url: string | null;
      output: string | null;
      command: number;
      /** (additive) The program the download is piped into (`curl … | sh`), when any. */
      pipedTo?: string;
    }
  | {
      kind: 'extract';
      archive: string | null;
      destination: string | null;
      /** (additive) `tar --strip-components N`: the archive's top folders dropped. */
      strip?: number;
      command: number;
    }
  | {
      kind: 'build';
      /** 'go', 'cargo', 'npm-script', 'tsc', 'maven', 'gradle', 'dotnet', 'make', 'cmake', 'gcc', 'python-setup', ... */
      tool: string;
      /** e.g. the npm script name ('build'), the go output path, the dotnet publish output. */
      target: string | null;
      output: string | null;
      args: string[];
      command: number;
      /**
       * (additive) What the output links, where the command says it: Go's cgo setting
       * (CGO_ENABLED=0/1, or Go's default) and whether the binary is static.
       */
      linkage?: { cgo: 'on' | 'off' | 'default'; static: boolean };
      /** (additive) Cache folders the environment names for this tool (GOCACHE, CARGO_HOME...). */
      cacheDirs?: string[];
      /** (additive) `make`: the `--prefix` an earlier `./configure` in the same RUN was given. */
      configurePrefix?: string;
    }
  | {
      kind: 'user-add';
      name: string | null;
      command: number;
      /** (additive) The program: useradd, adduser, groupadd, addgroup. */
      tool?: string;
      /** (additive) A group rather than a user (groupadd, addgroup). */
      group?: boolean;
      /** (additive) A system account (-r, --system, BusyBox -S). */
      system?: boolean;
      /**
       * (additive) The flag dialect: 'shadow' (useradd/groupadd: Debian, Ubuntu, RHEL; Alpine only
       * with the shadow package), 'busybox' (adduser -S/-D/-G/-H: Alpine), 'debian' (adduser
       * --system/--disabled-password: Debian's Perl adduser), 'any' (adduser NAME, both accept it).
       */
      dialect?: 'shadow' | 'busybox' | 'debian' | 'any';
    }
  | {
      kind: 'chdir'; // `cd dir` inside RUN (prefer WORKDIR)
      path: string;
      command: number;
      /** (additive) A scratch folder (mktemp -d, /tmp/…): a detour for this RUN, not a WORKDIR. */
      temporary?: boolean;
    }
  | {
      /** (additive) `mkdir`: folders made (as written, relative to the RUN's folder). */
      kind: 'make-dir';
      paths: string[];
      command: number;
      /** (additive) `-p`: parents made as needed, and no error when the folder exists. */
      parents?: boolean;
    }
  | AccountEffect
  | {
      /** (additive) `mv` / `cp`: files moved or copied to `destination`. */
      kind: 'move';
      tool: 'mv' | 'cp';
      sources: string[];
      destination: string;
      command: number;
    }
  | {
      /** (additive) `python -m venv DIR` / `virtualenv DIR`: a virtual environment created. */
      kind: 'venv';
      tool: 'venv' | 'virtualenv';
      path: string;
      command: number;
    }
  | {
      /**
       * (additive) A script or program file run by its path (`bash Miniconda3.sh -b -p /opt/conda`,
       * `./rustup-init -y`): an installer, when an earlier download fetched it.
       */
      kind: 'run-script';
      script: string;
      /** The install prefix the script was given (`-p DIR`, `--prefix DIR`), when any. */
      prefix: string | null;
      /** (additive) The arguments after the script. */
      args?: string[];
      command: number;
    }
  | {
      /**
       * (additive) A command that needs a running daemon, which a build step does not have:
       * 'docker' (docker build/run/pull, docker-compose up, dockerd), 'systemd' (systemctl
       * start/status…), 'service' (`service x start`: runs at most until the RUN ends).
       */
      kind: 'needs-daemon';
      daemon: 'docker' | 'systemd' | 'service';
      command: number;
      /** The command starts a daemon (dockerd, `service x start`) rather than talking to one. */
      starts?: boolean;
    };

// ---------------------------------------------------------------------------------------------
// Instructions

export type Keyword =
  | 'FROM'
  | 'RUN'
  | 'CMD'
  | 'LABEL'
  | 'MAINTAINER'
  | 'EXPOSE'
  | 'ENV'
  | 'ADD'
  | 'COPY'
  | 'ENTRYPOINT'
  | 'VOLUME'
  | 'USER'
  | 'WORKDIR'
  | 'ARG'
  | 'ONBUILD'
  | 'STOPSIGNAL'
  | 'HEALTHCHECK'
  | 'SHELL';

interface InstructionBase {
  /** Position among all instructions of the file. */
  index: number;
  /** Upper-cased keyword as written ('RUNN' for a typo; `known` tells). */
  keyword: string;
  known: boolean;
  /** The stage this instruction belongs to; -1 before the first FROM. */
  stage: number;
  span: Span;
  /** Keyword span (for edits such as upper-casing). */
  keywordSpan: Span;
  /** The instruction's full source text, continuations included. */
  raw: string;
  /** Arguments with continuations joined and comment lines removed, flags included. */
  argsText: string;
  /** Arguments after the flags, as written (before variable resolution). */
  argsAfterFlags: string;
  flags: Flag[];
  /** JSON (exec) form or shell form; 'none' for instructions with neither meaning. */
  form: 'json' | 'shell' | 'none';
  /** The JSON array's strings when form is 'json'. */
  json: string[] | null;
  heredocs: Heredoc[];
  /** Comments directly above the instruction (for ignore pragmas), without the '#'. */
  commentsAbove: string[];
  /** Span of the arguments (after the keyword, continuations and heredoc bodies included). */
  argsSpan?: Span | null;
  /** Offset in the original text where argsAfterFlags starts (for edits of the arguments). */
  argsAfterFlagsStart?: number;
}

export interface FromInstruction extends InstructionBase {
  keyword: 'FROM';
  /** The image reference as written, e.g. 'node:${NODE_VERSION}-alpine'. */
  image: string;
  /** After ARG substitution; null when a variable stayed unresolved. */
  resolvedImage: string | null;
  stageName: string | null;
  platform: string | null;
}

export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  mounts: Mount[];
  network: string | null;
  security: string | null;
  /** The parsed shell script; for JSON form, the exec'd command as one ShellCommand. */
  shell: ShellScript;
}

export interface CopyInstruction extends InstructionBase {
  keyword: 'COPY' | 'ADD';
  sources: string[];
  destination: string;
  /** The resolved --from: a stage index, an outside image, or null (the build context). */
  from: { stage: number } | { image: string } | null;
  fromRaw: string | null;
  chown: string | null;
  chmod: string | null;
  link: boolean;
  /** ADD only: sources that are URLs or git repositories. */
  remoteSources: string[];
  /** ADD only: local archive sources that ADD auto-extracts (.tar, .tar.gz, ...). */
  archiveSources: string[];
  /** --exclude patterns. */
  excludes?: string[];
  /** --parents. */
  parents?: boolean;
  /** ADD --checksum. */
  checksum?: string | null;
  /** Sources as written (before variable resolution), same order as `sources`. */
  sourcesRaw?: string[];
}

export interface EnvInstruction extends InstructionBase {
  keyword: 'ENV';
  pairs: KeyValue[];
  /** The legacy `ENV key value` form (no '='). */
  legacyForm: boolean;
}

export interface ArgInstruction extends InstructionBase {
  keyword: 'ARG';
  pairs: KeyValue[];
}

export interface LabelInstruction extends InstructionBase {
  keyword: 'LABEL';
  pairs: KeyValue[];
}

export interface CmdLikeInstruction extends InstructionBase {
  keyword: 'CMD' | 'ENTRYPOINT';
  /** Shell-form commands, parsed like RUN; null for JSON form. */
  shell: ShellScript | null;
}

export interface HealthcheckInstruction extends InstructionBase {
  keyword: 'HEALTHCHECK';
  none: boolean; // HEALTHCHECK NONE
  command: string[] | null;
}

export interface OnbuildInstruction extends InstructionBase {
  keyword: 'ONBUILD';
  trigger: Instruction | null;
}

export interface OtherInstruction extends InstructionBase {
  keyword: Exclude<
    string,
    | 'FROM'
    | 'RUN'
    | 'COPY'
    | 'ADD'
    | 'ENV'
    | 'ARG'
    | 'LABEL'
    | 'CMD'
    | 'ENTRYPOINT'
    | 'HEALTHCHECK'
    | 'ONBUILD'
  >;
  /** Resolved simple arguments (WORKDIR path, USER name, EXPOSE ports, SHELL json, ...). */
  args: string[];
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CopyInstruction
  | EnvInstruction
  | ArgInstruction
  | LabelInstruction
  | CmdLikeInstruction
  | HealthcheckInstruction
  | OnbuildInstruction
  | OtherInstruction;

export interface Stage {
  index: number;
  name: string | null;
  from: FromInstruction;
  /** Instructions of the stage, FROM included, in order. */
  instructions: Instruction[];
  /** The base: an earlier stage's index, 'scratch', or an outside image reference (resolved). */
  base: { stage: number } | { scratch: true } | { image: string; unresolved: boolean };
  /** Stages whose files this stage copies (COPY --from) or builds on (FROM stage). */
  dependsOn: number[];
  final: boolean;
  /** True when the final stage (transitively) uses this stage. */
  reachable: boolean;
  /** ENV in effect at the end of the stage (inherited from a parent stage as Docker does). */
  env: Record<string, string>;
  /** The last USER of the stage (or inherited from a parent stage), null when none. */
  user: string | null;
  /** The last WORKDIR (resolved absolute), null when none. */
  workdir: string | null;
  span: Span;
  /** The SHELL in effect at the end of the stage (default ['/bin/sh', '-c']). */
  shell?: string[];
  /** Build arguments declared in the stage with their values (null when unknown). */
  args?: Record<string, string | null>;
  /** Index of the stage this one is built FROM, when it is an earlier stage. */
  parent?: number | null;
  /** A snippet without FROM: its instructions form this stage; `from` is synthetic, no base image. */
  implicit?: boolean;
}

export interface Directives {
  syntax: string | null;
  escape: '\\' | '`';
  check: string | null;
  /** Every directive as written, including unknown ones. */
  all: { name: string; value: string; line: number }[];
}

export interface DockerfileModel {
  text: string;
  /** Line offsets: lineStarts[i] is the offset where line i+1 starts. */
  lineStarts: number[];
  directives: Directives;
  /** Global ARGs (before the first FROM). */
  globalArgs: ArgInstruction[];
  instructions: Instruction[];
  stages: Stage[];
  syntaxErrors: { line: number; column: number; message: string }[];
  /** `# hadolint global ignore=...` and `# playground global ignore=...` ids. */
  globalIgnores: string[];
  /** Every comment line outside instructions (1-based line, text without '#'). */
  comments?: { line: number; text: string }[];
}
