// Translating account commands between BusyBox (Alpine: addgroup -S, adduser -S -D -G) and shadow
// (Debian, Ubuntu, RHEL: groupadd -r, useradd -r -g). Only when every flag has an equivalent:
// otherwise null, and the verifier withholds the step instead of guessing.
import type { ShellCommand } from '../../model';

type Target = 'shadow' | 'busybox';

interface Account {
  group: boolean;
  system: boolean;
  name: string;
  uid: string | null;
  gid: string | null;
  primaryGroup: string | null;
  home: string | null;
  shell: string | null;
  gecos: string | null;
  createHome: boolean | null;
}

export function translateAccount(cmd: ShellCommand, target: Target): string | null {
  const program = cmd.name.slice(cmd.name.lastIndexOf('/') + 1);
  if (Object.keys(cmd.env).length || cmd.redirects.length) return null;
  const a =
    program === 'adduser' || program === 'addgroup'
      ? readBusybox(program === 'addgroup', cmd.args)
      : program === 'useradd' || program === 'groupadd'
        ? readShadow(program === 'groupadd', cmd.args)
        : null;
  if (!a || !/^[a-z_][a-z0-9_.-]*$/i.test(a.name)) return null;
  return target === 'shadow' ? writeShadow(a) : writeBusybox(a);
}

/** A value that needs no quoting in the shell. */
const PLAIN = /^[A-Za-z0-9_./:@%+-]+$/;

function readBusybox(group: boolean, args: string[]): Account | null {
  const a = blank(group);
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const f = args[i];
    const next = () => (i + 1 < args.length && PLAIN.test(args[i + 1]) ? args[++i] : undefined);
    if (f === '-S') a.system = true;
    else if (f === '-D')
      continue; // no password: shadow's default (locked)
    else if (f === '-H') a.createHome = false;
    else if (f === '-u' && !group) a.uid = next() ?? '';
    else if (f === '-g' && group) a.gid = next() ?? '';
    else if (f === '-g' && !group) a.gecos = next() ?? '';
    else if (f === '-G' && !group) a.primaryGroup = next() ?? '';
    else if (f === '-h' && !group) a.home = next() ?? '';
    else if (f === '-s' && !group) a.shell = next() ?? '';
    else if (/^-[SDH]{2,}$/.test(f)) {
      if (f.includes('S')) a.system = true;
      if (f.includes('H')) a.createHome = false;
    } else if (f.startsWith('-')) return null;
    else rest.push(f);
  }
  if (rest.length !== 1 || [a.uid, a.gid, a.gecos, a.primaryGroup, a.home, a.shell].includes('')) return null;
  a.name = rest[0];
  if (!group && a.createHome === null) a.createHome = !a.system;
  return a;
}

function readShadow(group: boolean, args: string[]): Account | null {
  const a = blank(group);
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const f = args[i];
    const next = () => (i + 1 < args.length && PLAIN.test(args[i + 1]) ? args[++i] : undefined);
    if (f === '-r' || f === '--system') a.system = true;
    else if (f === '-m' || f === '--create-home') a.createHome = true;
    else if (f === '-M' || f === '--no-create-home') a.createHome = false;
    else if ((f === '-u' || f === '--uid') && !group) a.uid = next() ?? '';
    else if ((f === '-g' || f === '--gid') && group) a.gid = next() ?? '';
    else if ((f === '-g' || f === '--gid') && !group) a.primaryGroup = next() ?? '';
    else if ((f === '-d' || f === '--home-dir') && !group) a.home = next() ?? '';
    else if ((f === '-s' || f === '--shell') && !group) a.shell = next() ?? '';
    else if ((f === '-c' || f === '--comment') && !group) a.gecos = next() ?? '';
    else if (f.startsWith('-')) return null;
    else rest.push(f);
  }
  if (rest.length !== 1 || [a.uid, a.gid, a.gecos, a.primaryGroup, a.home, a.shell].includes('')) return null;
  a.name = rest[0];
  if (!group && a.createHome === null) a.createHome = false;
  return a;
}

function blank(group: boolean): Account {
  return {
    group,
    system: false,
    name: '',
    uid: null,
    gid: null,
    primaryGroup: null,
    home: null,
    shell: null,
    gecos: null,
    createHome: null,
  };
}

function writeShadow(a: Account): string {
  if (a.group)
    return ['groupadd', a.system ? '-r' : null, a.gid ? `-g ${a.gid}` : null, a.name]
      .filter(Boolean)
      .join(' ');
  return [
    'useradd',
    a.system ? '-r' : null,
    a.uid ? `-u ${a.uid}` : null,
    a.primaryGroup ? `-g ${a.primaryGroup}` : null,
    a.home ? `-d ${a.home}` : null,
    a.createHome ? '-m' : null,
    a.shell ? `-s ${a.shell}` : null,
    a.gecos ? `-c ${a.gecos}` : null,
    a.name,
  ]
    .filter(Boolean)
    .join(' ');
}

function writeBusybox(a: Account): string {
  if (a.group)
    return ['addgroup', a.system ? '-S' : null, a.gid ? `-g ${a.gid}` : null, a.name]
      .filter(Boolean)
      .join(' ');
  return [
    'adduser',
    a.system ? '-S' : null,
    '-D',
    a.createHome ? null : '-H',
    a.uid ? `-u ${a.uid}` : null,
    a.primaryGroup ? `-G ${a.primaryGroup}` : null,
    a.home ? `-h ${a.home}` : null,
    a.shell ? `-s ${a.shell}` : null,
    a.gecos ? `-g ${a.gecos}` : null,
    a.name,
  ]
    .filter(Boolean)
    .join(' ');
}
