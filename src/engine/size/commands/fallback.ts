// Commands the parser gives no effect for (venv, chown -R, mv/cp, npm prune, apt-get clean),
// recognised from the command itself.
import * as H from '../heuristics';
import type { ShellCommand } from '../../model';
import { basename, makeItem, resolvePath } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addItem, homeOf, liveItems } from '../context';
import { copyUp, moveOrCopy } from './files';
import { cacheClean } from './remove';
import type { RunScope } from './scope';
import { prune } from '../ecosystems/node';

export function fallbackCommand(s: RunScope, cmd: ShellCommand): void {
  const name = basename(cmd.name);
  const a = cmd.args;
  const home = homeOf(s.st);
  if ((name === 'python' || /^python3(\.\d+)?$/.test(name)) && a[0] === '-m' && a[1] === 'venv' && a[2]) {
    const dir = resolvePath(s.cwd, a.filter((x) => !x.startsWith('-'))[2] ?? a[2], home);
    addItem(
      s.st,
      s.layer,
      makeItem(
        'venv',
        dir,
        H.VENV_BYTES,
        'medium',
        `python -m venv creates ${dir} with its own pip (≈ ${formatBytes(H.VENV_BYTES)})`,
      ),
    );
    return;
  }
  if (name === 'virtualenv' && a[0]) {
    const dir = resolvePath(s.cwd, a.filter((x) => !x.startsWith('-'))[0], home);
    addItem(
      s.st,
      s.layer,
      makeItem(
        'venv',
        dir,
        H.VENV_BYTES,
        'medium',
        `virtualenv creates ${dir} (≈ ${formatBytes(H.VENV_BYTES)})`,
      ),
    );
    return;
  }
  if (
    (name === 'chown' || name === 'chmod') &&
    a.some((x) => /^-[a-zA-Z]*R/.test(x) || x === '--recursive')
  ) {
    const targets = a
      .filter((x) => !x.startsWith('-'))
      .slice(1)
      .map((p) => resolvePath(s.cwd, p, home));
    return copyUp(s, name, targets);
  }
  if ((name === 'mv' || name === 'cp') && a.filter((x) => !x.startsWith('-')).length >= 2) {
    const plain = a.filter((x) => !x.startsWith('-'));
    const dest = resolvePath(s.cwd, plain[plain.length - 1], home);
    const srcs = plain.slice(0, -1).map((p) => resolvePath(s.cwd, p, home));
    return moveOrCopy(s, name, srcs, dest);
  }
  if (name === 'npm' && a[0] === 'prune') return prune(s);
  if ((name === 'bash' || name === 'sh') && a.length) {
    // A self-extracting installer fetched earlier (Miniconda: `bash Miniconda3.sh -b -p /opt/conda`).
    const script = resolvePath(s.cwd, a.find((x) => !x.startsWith('-')) ?? '', home);
    const dl = [...s.layer.items, ...liveItems(s.st)].find((i) => i.kind === 'download' && i.path === script);
    const tc = dl?.note ? H.findToolchain(dl.note) : dl ? H.findToolchain(dl.path) : null;
    if (tc && tc.installed > tc.archive) {
      const p = a.indexOf('-p');
      const dest = p >= 0 && a[p + 1] ? resolvePath(s.cwd, a[p + 1], home) : '/opt/conda';
      addItem(
        s.st,
        s.layer,
        makeItem(
          'toolchain',
          dest,
          tc.installed,
          'medium',
          `the ${tc.name} installs into ${dest} (≈ ${formatBytes(tc.installed)})`,
        ),
      );
    }
    return;
  }
  if (name === 'apt-get' || name === 'apt') {
    if (a.includes('dist-clean')) return cacheClean(s, 'apt-lists', []);
    if (a.includes('clean')) return cacheClean(s, 'apt-archives', []);
  }
}
