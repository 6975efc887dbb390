// The verifier over the corpus: how many rewrite steps were repaired or withheld, per invariant,
// and how many final rewrites still break an invariant (expected 0). Run alone with
// `npx tsx scripts/bench/verifier.ts`, or as part of `npm run bench`.
import { pathToFileURL } from 'node:url';
import { analyzeSync, shellParserLoaded } from '../../src/engine/node';
import { INVARIANTS } from '../../src/engine/rewrite/verify';
import { CORPUS_DIR, loadCorpus } from './corpus';

export interface VerifierReport {
  files: number;
  stepsApplied: number;
  /** Steps withheld, per invariant (a step may fail several). */
  withheld: Record<string, number>;
  /** Steps kept thanks to a certain repair, per invariant. */
  repaired: Record<string, number>;
  withheldSteps: number;
  repairedSteps: number;
  /** Final rewrites in which the verifier still finds a problem, and the problems. */
  filesWithViolations: number;
  violations: { file: string; message: string }[];
  examples: { file: string; step: string; reason: string }[];
}

export async function measureVerifier(): Promise<VerifierReport | null> {
  const corpus = loadCorpus();
  if (!corpus) return null;
  await shellParserLoaded;
  const zero = () => Object.fromEntries(INVARIANTS.map((k) => [k, 0]));
  const r: VerifierReport = {
    files: corpus.length,
    stepsApplied: 0,
    withheld: zero(),
    repaired: zero(),
    withheldSteps: 0,
    repairedSteps: 0,
    filesWithViolations: 0,
    violations: [],
    examples: [],
  };
  for (const f of corpus) {
    const a = analyzeSync(f.text, {});
    for (const s of a.rewrite.steps) {
      if (s.status === 'applied') r.stepsApplied++;
      if (s.status === 'withheld') {
        r.withheldSteps++;
        for (const k of s.invariants ?? []) r.withheld[k] = (r.withheld[k] ?? 0) + 1;
        r.examples.push({ file: f.name, step: s.id ?? s.ruleId, reason: s.withheldReason ?? '' });
      } else if (s.repairs?.length) {
        r.repairedSteps++;
        for (const k of s.invariants ?? []) r.repaired[k] = (r.repaired[k] ?? 0) + 1;
      }
    }
    const v = a.rewrite.violations ?? [];
    if (v.length) r.filesWithViolations++;
    for (const message of v) r.violations.push({ file: f.name, message });
  }
  return r;
}

export function printVerifier(r: VerifierReport | null): void {
  if (!r) {
    console.log(`verifier: skipped — the corpus folder ${CORPUS_DIR} is absent.`);
    return;
  }
  console.log(`\n# Verifier (${r.files} corpus files, default options)`);
  console.log(`steps applied ${r.stepsApplied}, repaired ${r.repairedSteps}, withheld ${r.withheldSteps}`);
  console.log('invariant      repaired  withheld');
  for (const k of INVARIANTS)
    console.log(
      `${k.padEnd(14)} ${String(r.repaired[k] ?? 0).padStart(8)}  ${String(r.withheld[k] ?? 0).padStart(8)}`,
    );
  console.log(`final rewrites with a violation: ${r.filesWithViolations} (${r.violations.length} problems)`);
  for (const v of r.violations.slice(0, 10)) console.log(`  ${v.file}: ${v.message}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printVerifier(await measureVerifier());
