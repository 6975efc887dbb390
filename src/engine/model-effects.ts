// Effects that complete the parser's account of what a command does, so that every consumer (the
// size model, the rules, the multi-stage synthesizers) reads effects and never a command's words:
// the files and accounts simple commands make, the commands that change no file, and which
// language toolchain ran. Part of the Effect union (model.ts); the size model ignores them, except
// apt-mark's marks, which decide what a later purge --auto-remove takes.
import type { PackageManager } from './ecosystems';
import type { PackageSpec } from './model';

/** `apt-mark auto|manual NAMES`: what a later `purge --auto-remove` takes or keeps. */
export interface PackageMarkEffect {
  kind: 'package-mark';
  manager: 'apt';
  mark: 'auto' | 'manual';
  /** As written (`'.*'`, `$savedAptMark`, `libpq5`); none when piped in by xargs. */
  packages: PackageSpec[];
  /** The names come from a pipe (`… | xargs apt-mark manual`): only known when built. */
  piped: boolean;
  command: number;
}

export type AccountEffect =
  | {
      /** (additive) `touch` / `ln`: files or links made; `paths` are the operands as written. */
      kind: 'make-file';
      tool: 'touch' | 'ln';
      paths: string[];
      command: number;
    }
  | {
      /** (additive) `usermod` / `groupmod`: an existing account changed (shadow's tools: not on Alpine). */
      kind: 'user-modify';
      tool: 'usermod' | 'groupmod';
      name: string | null;
      command: number;
    }
  | {
      /** (additive) `apt-get upgrade`, `apk upgrade`: the installed OS packages upgraded in place. */
      kind: 'package-upgrade';
      manager: PackageManager;
      command: number;
    }
  | {
      /** (additive) `update-ca-certificates`, `dpkg-reconfigure`: the OS's own configuration regenerated. */
      kind: 'system-config';
      tool: 'update-ca-certificates' | 'dpkg-reconfigure';
      command: number;
    }
  | {
      /**
       * (additive) A command that changes no file of the image, only the shell's own state or
       * output: `set` (options), `export`/`unset` (variables), `true`/`:` (nothing), `test`/`[`
       * (a test), `echo` (output; a redirection into a file is the shell's, not echo's).
       */
      kind: 'shell-only';
      role: 'options' | 'variables' | 'nothing' | 'test' | 'output';
      command: number;
    }
  | {
      /** (additive) A package manager runs a package.json script (`npm run build`, `yarn build`, `pnpm -r lint`). */
      kind: 'package-script';
      manager: 'npm' | 'yarn' | 'pnpm' | 'bun';
      script: string;
      /** The words after the script's name. */
      args: string[];
      command: number;
    }
  | {
      /**
       * (additive) A language's own program ran: Node.js (`node`, `npm`, `yarn`, `pnpm`, `bun`,
       * `corepack`, `npx X`, a CLI from node_modules such as tsc, next or prisma) or Python (`python`,
       * `pip`, `poetry`, `uv`, `pipenv`, `conda`). The command's other effects say what it installs
       * or builds; this one says which toolchain it needs.
       */
      kind: 'tool-run';
      ecosystem: 'node' | 'python';
      /** The program, by its name (`npx tsc` → tsc; `pip3` → pip3). */
      tool: string;
      /** Reached through a runner (`npx`, `pnpx`, `bunx`). */
      viaRunner: boolean;
      /** The program as written when it was named by its path (`/opt/venv/bin/pip`). */
      path?: string;
      /** The words after the tool's name. */
      args: string[];
      command: number;
    }
  | {
      /** (additive) `chown` / `chmod`: owner or mode changed on these paths (a recursive change copies the files up into this layer). */
      kind: 'permissions';
      tool: 'chown' | 'chmod';
      paths: string[];
      recursive: boolean;
      command: number;
    };
