// CI gate for the deterministic budgets: the first-visit JS of index.html and embed.html (gzip).
import { budgetViolations, measureWeight } from './bench/weight';

const report = measureWeight();
for (const page of report.pages) {
  console.log(
    `${page.page}: first-visit JS ${(page.jsGzipBytes / 1000).toFixed(1)} kB gzip in ${page.js.length} file(s), CSS ${(page.cssGzipBytes / 1000).toFixed(1)} kB gzip`,
  );
}
const violations = budgetViolations(report);
if (violations.length > 0) {
  console.error(`Bundle budget exceeded:\n- ${violations.join('\n- ')}`);
  process.exit(1);
}
console.log('Bundle budgets hold.');
