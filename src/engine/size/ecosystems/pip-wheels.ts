// The wheels `pip install <names>` downloads, from the bundled table of published wheel sizes
// (src/data/pip-wheels.json, written by scripts/data/measure-pip-wheels.ts): a name's closure is
// walked through the table's runtime dependencies and each wheel counted once.
import raw from '../../../data/pip-wheels.json';

interface PipWheelsDoc {
  asOf: string;
  sources: string[];
  packages: Record<string, [version: string, wheelBytes: number, dependencies: string[], source: number]>;
  fallback: { debianProxyRatio: number; unknownClosureBytes: number };
}
const table = raw as unknown as PipWheelsDoc;

/**
 * For names outside the table, measured on the table's common packages: their closure's wheels
 * over the installed size of their Debian stand-in (median), and their median closure in bytes.
 */
export const PIP_WHEEL_FALLBACK = table.fallback;

/** PyPI's name normalization (PEP 503): case, and runs of `-`, `_`, `.` are one `-`. */
export function normalizePipName(name: string): string {
  return name
    .replace(/\[[^[\]]*\]/g, '')
    .replace(/[<>=!~;@\s][\s\S]*$/, '')
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

export function pipWheelKnown(name: string): boolean {
  return normalizePipName(name) in table.packages;
}

export interface WheelClosure {
  /** Sum of the closure's wheels (bytes). */
  bytes: number;
  /** Packages in the closure. */
  packages: number;
}

/** The wheels of the named packages (those in the table) and of their dependencies, each once. */
export function pipWheelClosure(names: string[]): WheelClosure {
  const seen = new Set<string>();
  const stack = names.map(normalizePipName).filter((n) => n in table.packages);
  let bytes = 0;
  while (stack.length) {
    const n = stack.pop()!;
    const row = table.packages[n];
    if (seen.has(n) || !row) continue;
    seen.add(n);
    bytes += row[1];
    stack.push(...row[2].map(normalizePipName));
  }
  return { bytes, packages: seen.size };
}
