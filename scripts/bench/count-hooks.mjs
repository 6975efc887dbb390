// Module hooks for scripts/bench/phase2-counts.ts: after tsx has compiled a module, wraps each
// function the script counts (parse, estimate, rule run, verifier checks) so that every call
// reports itself to globalThis.__phaseCount(kind, key) and its inclusive time to
// globalThis.__phaseTime(kind, ms). Measuring only: the engine itself never loads this file.
const TARGETS = [
  { file: /\/src\/engine\/parse\/index\.ts$/, fn: 'parseDockerfile', kind: 'parse', key: 'a[0]' },
  {
    file: /\/src\/engine\/size\/index\.ts$/,
    fn: 'estimateImage',
    kind: 'estimate',
    key: 'a[0]?.text + "\\u0000" + JSON.stringify(a[1]?.context)',
  },
  { file: /\/src\/engine\/rules\/run\.ts$/, fn: 'runRules', kind: 'ruleRun', key: 'a[0]?.text' },
  {
    file: /\/src\/engine\/rewrite\/verify\/index\.ts$/,
    fn: 'verifyStep',
    kind: 'verifyStep',
    key: 'a[1]?.text',
  },
  {
    file: /\/src\/engine\/rewrite\/verify\/paths\.ts$/,
    fn: 'pathProblems',
    kind: 'verifyModel',
    key: 'a[0]?.text',
  },
  {
    file: /\/src\/engine\/rewrite\/verify\/runtime\.ts$/,
    fn: 'runtimeProblems',
    kind: 'verifyRelational',
    key: 'a[1]?.text',
  },
];

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  const targets = TARGETS.filter((t) => t.file.test(new URL(url).pathname));
  if (!targets.length || result.source == null) return result;
  let source = String(result.source);
  for (const t of targets) {
    // The original keeps its body under another name; the counted name calls it.
    const head = new RegExp(`function ${t.fn}\\(`);
    if (!head.test(source)) throw new Error(`count-hooks: ${t.fn} not found in ${url}`);
    source = source.replace(head, `function ${t.fn}__counted(`);
    source += `\nfunction ${t.fn}(...a) {
  globalThis.__phaseCount?.(${JSON.stringify(t.kind)}, ${t.key});
  const t0 = performance.now();
  try { return ${t.fn}__counted.apply(this, a); }
  finally { globalThis.__phaseTime?.(${JSON.stringify(t.kind)}, performance.now() - t0); }
}\n`;
  }
  return { ...result, source };
}
