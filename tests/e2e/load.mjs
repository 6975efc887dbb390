#!/usr/bin/env node
// One pass of the e2e suite on a busy machine, as CI runs it (issue 20): starts two CPU-burning
// processes (one per core of a small CI machine), `nice`d so the machine stays usable, runs
// tests/e2e/run.mjs with the given arguments, and stops the burners afterwards whatever happens.
//
//   node tests/e2e/load.mjs [vitest args]        e.g. `node tests/e2e/load.mjs share`
//   LOAD_HOGS=2 LOAD_NICE=10 node tests/e2e/load.mjs
//
// LOAD_NICE is the burners' niceness (default 10: they still take a real share of the CPU from
// the tests, which run at 0; 19 would leave them almost nothing). Build first (npm run build).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hogCount = Number(process.env.LOAD_HOGS ?? 2);
const niceness = String(process.env.LOAD_NICE ?? 10);

const hogs = [];
for (let i = 0; i < hogCount; i++) {
  const hog = spawn('nice', ['-n', niceness, process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' });
  hogs.push(hog);
}
const stopHogs = () => {
  for (const hog of hogs)
    if (hog.exitCode === null && hog.pid) {
      try {
        process.kill(hog.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
};
process.on('exit', stopHogs);

console.log(
  `e2e under load: ${hogs.length} CPU burners (nice ${niceness}, pids ${hogs.map((h) => h.pid).join(' ')}) while the suite runs`,
);
const started = Date.now();
const suite = spawn(process.execPath, [`${root}tests/e2e/run.mjs`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Stopped from outside: stop the suite (its global teardown stops the server) and the burners.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    suite.kill(signal);
    stopHogs();
  });
}
suite.on('exit', (code, signal) => {
  stopHogs();
  console.log(
    `e2e under load: finished in ${Math.round((Date.now() - started) / 1000)} s, exit ${code ?? signal}`,
  );
  process.exit(code ?? 1);
});
