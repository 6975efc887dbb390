// Measures what the size model assumes for Java runtimes (src/engine/size/heuristics.ts:
// JLINK_RUNTIME, JLINK_RATIO, JLINK_DEBUG_FACTOR, JLINK_ZIP_*; and JDK_TREE_RATIO in the catalog
// builder): for each JDK given, jlink runtimes of a few module sets with the flags the rewriter
// writes, their on-disk bytes (du -sb) and gzip -6 size of a tar of them, and the JDK's own tree
// (without lib/src.zip, which the JDK images on Docker Hub do not ship).
//
// Usage: npx tsx scripts/data/measure-jlink.ts /usr/lib/jvm/java-17-openjdk-amd64 [/path/to/jdk ...]
// Needs tar, gzip and du. A JDK without jmods (JEP 493 builds, e.g. Temurin 25) cannot link
// jdk.jlink or jdk.jpackage, so "every module" leaves those two out there.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = ['--strip-debug', '--no-man-pages', '--no-header-files'];
const SETS: Record<string, string> = {
  base: 'java.base',
  typical:
    'java.base,java.logging,java.management,java.naming,java.security.jgss,java.instrument,java.sql,java.net.http,jdk.unsupported',
  se: 'java.se',
};

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** du -sb and tar | gzip -6 of a folder, without lib/src.zip (the JDK images leave it out). */
function measure(dir: string): { disk: number; gzip: number } {
  const src = join(dir, 'lib', 'src.zip');
  const srcBytes = existsSync(src) ? Number(sh('du', ['-sbL', src]).split('\t')[0]) : 0;
  const disk = Number(sh('du', ['-sb', dir]).split('\t')[0]) - srcBytes;
  const gzip = Number(
    sh('sh', ['-c', 'tar -C "$1" --exclude=./lib/src.zip -cf - . | gzip -6 | wc -c', 'sh', dir]).trim(),
  );
  return { disk, gzip };
}

function row(label: string, m: { disk: number; gzip: number }): string {
  const mb = (b: number) => (b / 1e6).toFixed(1).padStart(6);
  return `  ${label.padEnd(22)} ${String(m.disk).padStart(11)} B  ${mb(m.disk)} MB on disk  ${mb(m.gzip)} MB gzip  ratio ${(m.disk / m.gzip).toFixed(2)}`;
}

const jdks = process.argv.slice(2);
if (!jdks.length) {
  console.error('Usage: npx tsx scripts/data/measure-jlink.ts <JDK home> [...]');
  process.exit(2);
}
for (const jdk of jdks) {
  const jlink = join(jdk, 'bin', 'jlink');
  if (!existsSync(jlink)) {
    console.error(`${jdk}: no bin/jlink`);
    continue;
  }
  const version = spawnSync(join(jdk, 'bin', 'java'), ['-version'], { encoding: 'utf8' }).stderr ?? '';
  const scratch = mkdtempSync(join(tmpdir(), 'jlink-'));
  try {
    console.log(`${jdk} ${version.split('\n')[0]}`.trim());
    console.log(row('JDK tree', measure(jdk)));
    const link = (name: string, modules: string, extra: string[] = FLAGS) => {
      const out = join(scratch, name);
      sh(jlink, ['--add-modules', modules, ...extra, '--output', out]);
      console.log(row(name, measure(out)));
    };
    for (const [name, modules] of Object.entries(SETS)) link(name, modules);
    link('se, debug kept', 'java.se', ['--no-man-pages', '--no-header-files']);
    link('se, --compress', 'java.se', [
      ...FLAGS,
      existsSync(join(jdk, 'jmods')) ? '--compress=2' : '--compress=zip-6',
    ]);
    const all = existsSync(join(jdk, 'jmods'))
      ? 'ALL-MODULE-PATH'
      : sh(join(jdk, 'bin', 'java'), ['--list-modules'])
          .split('\n')
          .map((l) => l.split('@')[0])
          .filter((m) => m && m !== 'jdk.jlink' && m !== 'jdk.jpackage')
          .join(',');
    link('all', all);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
