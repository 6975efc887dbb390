// Commands that need a running daemon at build time: the docker CLI (build/run/pull talk to a
// Docker daemon, which a build step does not have), dockerd itself (needs privileges a build does
// not grant), and service managers (`service x start`, `systemctl start x`: no init system runs
// in a build, and whatever starts ends with the RUN).
import type { Detector } from './args';

/** docker subcommands that only print the client's own information (no daemon needed). */
const CLIENT_ONLY = /^(--version|-v|version|--help|help|completion)$/;

/** systemctl verbs that only edit unit files (they work without a running systemd). */
const SYSTEMCTL_OFFLINE = new Set(['enable', 'disable', 'mask', 'unmask', 'preset', 'daemon-reload']);

/** `service x <verb>`: verbs that run the service's script against the live system. */
const SERVICE_VERBS = /^(start|stop|restart|reload|force-reload|status)$/;

/** Verbs that start the daemon (rather than ask it something). */
const STARTS = /^(start|restart)$/;

const dockerClient: Detector = (inv) => {
  const sub = inv.args.find((a) => !a.startsWith('-') || CLIENT_ONLY.test(a)) ?? '';
  if (!sub || CLIENT_ONLY.test(sub)) return [];
  return [{ kind: 'needs-daemon', daemon: 'docker', command: inv.command }];
};

const dockerd: Detector = (inv) => [
  { kind: 'needs-daemon', daemon: 'docker', command: inv.command, starts: true },
];

const systemctl: Detector = (inv) => {
  const verb = inv.args.find((a) => !a.startsWith('-'));
  if (!verb || SYSTEMCTL_OFFLINE.has(verb)) return [];
  return [{ kind: 'needs-daemon', daemon: 'systemd', command: inv.command, starts: STARTS.test(verb) }];
};

const service: Detector = (inv) =>
  inv.args.length >= 2 && SERVICE_VERBS.test(inv.args[1])
    ? [{ kind: 'needs-daemon', daemon: 'service', command: inv.command, starts: STARTS.test(inv.args[1]) }]
    : [];

export const SERVICE_DETECTORS: Record<string, Detector> = {
  docker: dockerClient,
  'docker-compose': dockerClient,
  dockerd,
  systemctl,
  service,
};
