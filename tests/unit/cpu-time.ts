// Unit tests never assert speed (speed targets are measured by the benchmark scripts, which print
// numbers). A test that guards against a blow-up — a quadratic loop, a backtracking regex, an
// unbounded inflate — times the work in CPU time of this test process, which other work on a busy
// machine barely inflates (wall-clock time grows with the load), against a limit far above the
// idle cost: it only catches a hang or a change of complexity class, never a slow machine.
// (Vitest runs each test file in a process of its own, so the count is this file's work alone.)

/** Generous limit for work that takes well under a second idle: ten seconds of CPU only a blow-up spends. */
export const BLOW_UP_CPU_MS = 10_000;

/** CPU time (user + system, ms) this process spent since `before` (a process.cpuUsage()). */
export function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Runs `work` and returns its result with the CPU time it took. */
export function withCpuTime<T>(work: () => T): { result: T; cpuMs: number } {
  const before = process.cpuUsage();
  const result = work();
  return { result, cpuMs: cpuMsSince(before) };
}
