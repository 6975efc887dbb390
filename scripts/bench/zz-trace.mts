import { writeFileSync } from 'node:fs';
import { serveDist, launch } from './browser';
const server = await serveDist();
const browser = await launch();
const runs: string[] = [];
for (let r = 0; r < 3; r++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('first-findings').length > 0, undefined, { timeout: 60000 });
  const ff = await page.evaluate(() => performance.getEntriesByName('first-findings')[0].startTime);
  const buf = await browser.stopTracing();
  writeFileSync(`/tmp/trace-${r}.json`, buf);
  runs.push(`run ${r}: first findings ${ff.toFixed(0)} ms`);
  await context.close();
}
console.log(runs.join('\n'));
await browser.close();
server.close?.();
process.exit(0);
