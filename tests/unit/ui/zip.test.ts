// The .zip the Rewrite tab offers (Dockerfile and .dockerignore with their exact names): checked by
// Info-ZIP's `unzip` when it is installed (its CRC test and listing), and by its own structure.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipFiles } from '../../../src/ui/zip';

const FILES = [
  { name: 'Dockerfile', text: 'FROM alpine:3.20\nRUN echo "héllo"\n' },
  { name: '.dockerignore', text: 'node_modules\n.git\n' },
];
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('zipFiles', () => {
  it('ends with an end-of-central-directory record that counts the files', () => {
    const zip = zipFiles(FILES);
    const view = new DataView(zip.buffer);
    const end = zip.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    expect(view.getUint16(end + 10, true)).toBe(2);
  });

  it.runIf(hasUnzip)('unzip tests it clean and lists the exact names and contents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    const file = join(dir, 'both.zip');
    writeFileSync(file, zipFiles(FILES));
    const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' }).stdout.trim().split('\n')).toEqual([
      'Dockerfile',
      '.dockerignore',
    ]);
    expect(spawnSync('unzip', ['-p', file, 'Dockerfile'], { encoding: 'utf8' }).stdout).toBe(FILES[0].text);
  });
});
