// Command-line interface: `npm run --silent cli -- analyze <file>... [--format text|json|sarif]
// [--budget 150MB] [--rewrite] [--timeout 30s]`. It reads files, runs the engine (in a worker
// thread, with a deadline per file) and formats Analysis objects; nothing else. Exit codes: 0 ok,
// 1 over budget, 2 usage error, 3 a file could not be read or analyzed.
import { readFileSync } from 'node:fs';
import type { Analysis } from './engine/types';
import { DeadlineAnalyzer, type Outcome } from './cli/analyzer';
import { decodeUtf8, describeInvalid } from './cli/decode';
import { formatBytes, parseDuration, parseSize } from './cli/sizes';
import { formatText } from './cli/text';
import { formatSarif } from './cli/sarif';
import { failsThreshold, loadLintConfig, type LoadedConfig } from './cli/lint-config';

export const EXIT = { ok: 0, overBudget: 1, usage: 2, input: 3 } as const;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const USAGE = `Usage: npm run --silent cli -- analyze <file>... [options]

Analyzes Dockerfiles: estimated image size, findings, and a rewritten Dockerfile.

Arguments:
  <file>...            Dockerfiles to analyze; "-" reads standard input.

Options:
  --format <format>    text (default), json or sarif. One file with json prints one Analysis
                       object; several files print a JSON array of {"file": ..., ...Analysis}.
  --budget <size>      Exit with status 1 when the final image's estimated on-disk size is over
                       <size>: 150MB, 1.5GB, 800MiB, 1e8 or a number of bytes.
                       A file that could not be sized (unreadable, binary, too large, no FROM,
                       over the deadline) never passes: it exits 3.
  --rewrite            Print the rewritten Dockerfile (text format).
  --timeout <time>     Deadline for each file's analysis (default 30s): 30s, 1.5s, 500ms, 2m.
                       A file over it is reported and the exit status is 3.
  --config <file>      hadolint-style settings (ignored, override, trustedRegistries,
                       failure-threshold, ...); default: .hadolint.yaml or .hadolint.yml here.
  -h, --help           Show this help.

Exit status: 0 ok, 1 over budget (or a finding at the configured failure-threshold),
2 usage error, 3 a file could not be read or analyzed.
`;

/** Real Dockerfiles take well under a second; the deadline only stops runaway inputs. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface CliOptions {
  files: string[];
  format: Format;
  budget: number | null;
  rewrite: boolean;
  timeoutMs: number;
  help: boolean;
  /** `--config FILE`: hadolint-style lint settings (else .hadolint.yaml in the working folder). */
  config?: string | null;
}

export class UsageError extends Error {}

/** Parses argv (without node and script). Throws UsageError with a message for bad usage. */
export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    files: [],
    format: 'text',
    budget: null,
    rewrite: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    help: false,
  };
  const args = [...argv];
  if (args.some((a) => a === '-h' || a === '--help' || a === 'help')) return { ...options, help: true };
  const command = args.shift();
  if (command === undefined) throw new UsageError('Missing command: expected "analyze".');
  if (command !== 'analyze') throw new UsageError(`Unknown command "${command}": expected "analyze".`);
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      options.files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined) throw new UsageError(`${name} needs a value.`);
      i++;
      return next;
    };
    switch (name) {
      case '--format':
      case '-f': {
        const format = takeValue();
        if (!(FORMATS as readonly string[]).includes(format)) {
          throw new UsageError(`Unknown format "${format}": use text, json or sarif.`);
        }
        options.format = format as Format;
        break;
      }
      case '--budget': {
        const raw = takeValue();
        const bytes = parseSize(raw);
        if (bytes === null)
          throw new UsageError(`Cannot read the budget "${raw}": use e.g. 150MB, 1.5GB, 800MiB, 1e8.`);
        options.budget = bytes;
        break;
      }
      case '--timeout': {
        const raw = takeValue();
        const ms = parseDuration(raw);
        if (ms === null || ms <= 0)
          throw new UsageError(`Cannot read the timeout "${raw}": use e.g. 30s, 1.5s, 500ms, 2m.`);
        options.timeoutMs = ms;
        break;
      }
      case '--config':
        options.config = takeValue();
        break;
      case '--rewrite':
        if (inline !== undefined) throw new UsageError('--rewrite takes no value.');
        options.rewrite = true;
        break;
      default:
        throw new UsageError(`Unknown option "${arg}".`);
    }
  }
  if (options.files.length === 0)
    throw new UsageError('No Dockerfile given: pass one or more files, or "-" for standard input.');
  if (options.files.filter((f) => f === '-').length > 1)
    throw new UsageError('Standard input ("-") can be read only once.');
  return options;
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Bytes (decoded here, invalid UTF-8 reported) or text. */
  readFile: (path: string) => Uint8Array | string;
  readStdin: () => Uint8Array | string;
}

const nodeIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path),
  readStdin: () => readFileSync(0),
};

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const analyzer = new DeadlineAnalyzer(options.timeoutMs);
  let exit: number = EXIT.ok;
  const results: { file: string; analysis: Analysis }[] = [];
  let config: LoadedConfig;
  try {
    config = loadLintConfig(options.config ?? null);
  } catch (error) {
    io.stderr(`error: ${describe(error)}\n`);
    analyzer.close();
    return EXIT.input;
  }
  for (const warning of config.warnings) io.stderr(`warning: ${warning}\n`);
  const fail = (message: string): void => {
    io.stderr(`error: ${message}\n`);
    exit = EXIT.input;
  };
  try {
    for (const file of options.files) {
      const name = file === '-' ? 'standard input' : file;
      let text: string;
      try {
        const raw = file === '-' ? io.readStdin() : io.readFile(file);
        const decoded = typeof raw === 'string' ? { text: raw, invalid: [] } : decodeUtf8(raw);
        if (decoded.invalid.length > 0) io.stderr(`warning: ${name}: ${describeInvalid(decoded.invalid)}.\n`);
        text = decoded.text;
      } catch (error) {
        fail(`cannot read ${name}: ${describe(error)}`);
        continue;
      }
      const outcome: Outcome = await analyzer.analyze(text, { lint: config.settings });
      if ('failure' in outcome) {
        fail(`cannot analyze ${name}: ${outcome.failure}.`);
        continue;
      }
      const problem = notAnalyzed(outcome.analysis);
      if (problem) fail(`cannot analyze ${name}: ${problem}`);
      else if (options.budget !== null && !outcome.analysis.stages.some((s) => s.base !== ''))
        fail(`cannot size ${name}: it has no FROM instruction, so the budget cannot be checked.`);
      results.push({ file, analysis: outcome.analysis });
    }
  } finally {
    analyzer.close();
  }
  if (results.length > 0) io.stdout(render(results, options));
  if (exit === EXIT.ok && results.some((r) => failsThreshold(r.analysis, config.settings.failureThreshold)))
    exit = EXIT.overBudget; // hadolint's failure-threshold: findings at or above it fail the run
  if (options.budget !== null) {
    for (const { file, analysis } of results) {
      const size = analysis.estimate.uncompressedBytes;
      if (size > options.budget) {
        io.stderr(
          `${file === '-' ? 'stdin' : file}: the estimated image size ${formatBytes(size)} (${size} bytes) is over the budget of ${formatBytes(options.budget)} (${options.budget} bytes).\n`,
        );
        if (exit === EXIT.ok) exit = EXIT.overBudget;
      }
    }
  }
  return exit;
}

/**
 * Why an Analysis sized nothing at all (binary data, too large, an internal error): the engine
 * then read no instruction and says why in its one syntax error. Null when it was analyzed (a
 * file with syntax errors in some instructions still is).
 */
export function notAnalyzed(analysis: Analysis): string | null {
  if ((analysis.instructions?.length ?? 0) > 0 || analysis.stages.length > 0) return null;
  return analysis.syntaxErrors[0]?.message ?? 'the file holds no instruction.';
}

function render(results: { file: string; analysis: Analysis }[], options: CliOptions): string {
  switch (options.format) {
    case 'json':
      if (options.files.length === 1) return `${JSON.stringify(results[0].analysis, null, 2)}\n`;
      return `${JSON.stringify(
        results.map((r) => ({ file: r.file, ...r.analysis })),
        null,
        2,
      )}\n`;
    case 'sarif':
      return formatSarif(results);
    default:
      return results
        .map((r) =>
          formatText(r.analysis, {
            file: r.file === '-' ? '(stdin)' : r.file,
            rewrite: options.rewrite,
            budget: options.budget,
          }),
        )
        .join('\n');
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'it is a directory';
    if (code === 'EACCES') return 'permission denied';
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}

const invokedDirectly = (() => {
  try {
    const entry = process.argv[1] ?? '';
    return /(^|[\\/])cli\.(ts|js|mjs)$/.test(entry);
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${describe(error)}\n`);
      process.exitCode = 70;
    },
  );
}
