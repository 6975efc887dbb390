// File operations that change what a layer holds without installing anything: mkdir, chown and
// chmod (a recursive change copies every file it touches into the new layer), mv and cp, touch
// and ln; account changes (usermod), OS configuration (update-ca-certificates); and the commands
// that change no file at all (set, export, true, test, echo), so that every command has an account.
import type { Effect } from '../../model';
import { has, parseArgs, value } from './args';
import type { Detector } from './args';

export const mkdir: Detector = (inv) => {
  const p = parseArgs(inv.args, new Set(['-m', '--mode', '--context']), 'm');
  if (!p.positionals.length) return [];
  const parents = has(p, '-p', '--parents');
  return [{ kind: 'make-dir', paths: p.positionals, command: inv.command, ...(parents ? { parents } : {}) }];
};

/** touch FILE... / ln [-s] TARGET... LINK: the operands, as written. */
function makeFile(tool: 'touch' | 'ln'): Detector {
  return (inv) => {
    const valued =
      tool === 'touch' ? new Set(['-d', '-r', '-t', '--date', '--reference']) : new Set(['-t', '-S']);
    const paths = parseArgs(inv.args, valued, tool === 'touch' ? 'drt' : 'tS').positionals;
    return paths.length ? [{ kind: 'make-file', tool, paths, command: inv.command }] : [];
  };
}

/** usermod / groupmod: the account is the last operand. */
function userModify(tool: 'usermod' | 'groupmod'): Detector {
  return (inv) => {
    const p = parseArgs(inv.args, new Set(), 'cdgGlsuLpeEfnaA');
    return [
      {
        kind: 'user-modify',
        tool,
        name: p.positionals[p.positionals.length - 1] ?? null,
        command: inv.command,
      },
    ];
  };
}

/** Commands that change no file: shell options and variables, tests, no-ops, echo. */
function shellOnly(role: Extract<Effect, { kind: 'shell-only' }>['role']): Detector {
  return (inv) => [{ kind: 'shell-only', role, command: inv.command }];
}

function systemConfig(tool: 'update-ca-certificates' | 'dpkg-reconfigure'): Detector {
  return (inv) => [{ kind: 'system-config', tool, command: inv.command }];
}

/** chown OWNER PATH... / chmod MODE PATH... (`--reference=FILE` replaces the owner or mode). */
function permissions(tool: 'chown' | 'chmod'): Detector {
  return (inv) => {
    // chmod's symbolic modes (`-x`, `-R` aside) look like options: take them as the mode.
    const args =
      tool === 'chmod' ? inv.args.map((a) => (/^-[rwxXst]+$/.test(a) ? `mode:${a}` : a)) : inv.args;
    const p = parseArgs(args, new Set(['--from', '--reference']));
    const paths = p.positionals.slice(value(p, '--reference') !== null ? 0 : 1);
    if (!paths.length) return [];
    const recursive = has(p, '-R', '--recursive') || p.flags.some((f) => /^-[a-zA-Z]*R/.test(f));
    return [{ kind: 'permissions', tool, paths, recursive, command: inv.command }];
  };
}

/** mv / cp: SOURCE... DEST, or `-t DIR SOURCE...`. */
function move(tool: 'mv' | 'cp'): Detector {
  return (inv) => {
    const p = parseArgs(inv.args, new Set(['-t', '--target-directory', '-S', '--suffix', '--backup']), 'tS');
    const target = value(p, '-t', '--target-directory');
    const plain = p.positionals;
    if (target !== null)
      return plain.length
        ? [{ kind: 'move', tool, sources: plain, destination: target, command: inv.command }]
        : [];
    if (plain.length < 2) return [];
    return [
      {
        kind: 'move',
        tool,
        sources: plain.slice(0, -1),
        destination: plain[plain.length - 1]!,
        command: inv.command,
      },
    ];
  };
}

export const FILE_OP_DETECTORS: Record<string, Detector> = {
  mkdir,
  chown: permissions('chown'),
  chmod: permissions('chmod'),
  mv: move('mv'),
  cp: move('cp'),
  touch: makeFile('touch'),
  ln: makeFile('ln'),
  usermod: userModify('usermod'),
  groupmod: userModify('groupmod'),
  set: shellOnly('options'),
  export: shellOnly('variables'),
  unset: shellOnly('variables'),
  true: shellOnly('nothing'),
  ':': shellOnly('nothing'),
  test: shellOnly('test'),
  '[': shellOnly('test'),
  echo: shellOnly('output'),
  'update-ca-certificates': systemConfig('update-ca-certificates'),
  'dpkg-reconfigure': systemConfig('dpkg-reconfigure'),
};

/** `python -m venv [options] DIR` (called from the python detector) and `virtualenv DIR`. */
export function venvEffect(inv: { command: number }, tool: 'venv' | 'virtualenv', args: string[]): Effect[] {
  const p = parseArgs(args, new Set(['--prompt', '-p', '--python', '--upgrade-deps']), 'p');
  const path = p.positionals[0];
  return path ? [{ kind: 'venv', tool, path, command: inv.command }] : [];
}

export const virtualenv: Detector = (inv) => venvEffect(inv, 'virtualenv', inv.args);
