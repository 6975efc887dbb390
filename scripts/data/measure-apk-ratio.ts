// Measures the compression of apk package layers: on-disk bytes ÷ published compressed bytes,
// over the published Alpine-based images (scripts/bench-accuracy-published.ts reads them) whose
// layer is a plain `apk add` sized entirely from measured Alpine installed sizes (no Debian proxy,
// no guess). The on-disk side is the size model's own layer (measured `apk info` sizes of the
// packages and their dependencies, plus the apk database rewrite); the compressed side is the
// registry's. Prints each layer and the median, which src/engine/size/ratios.ts uses for
// 'apk-packages'.
//
// Usage: npx tsx scripts/data/measure-apk-ratio.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDockerfile, ensureShellParser } from '../../src/engine/node';
import { estimateImage } from '../../src/engine/size/index';
import { resolveOptions } from '../../src/engine/options';
import { isPackageLayer, parentOf, publishedRecords } from '../bench-accuracy-published';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The layers measured: one row per distinct instruction on its parent (the same layer published
 * by several tags, python:3.10-3.14's ca-certificates/tzdata, counts once, at the median of its
 * published sizes), with the model's on-disk size from measured figures.
 */
export async function apkLayerRatios(): Promise<{ name: string; onDisk: number; compressed: number }[]> {
  await ensureShellParser();
  const opts = resolveOptions({ context: { hasGit: false, sourceBytes: 0 } });
  const byText = new Map<string, { name: string; onDisk: number; sizes: number[] }>();
  for (const r of publishedRecords(root)) {
    const p = parentOf(r);
    if (!p || p.family !== 'alpine') continue;
    r.layers!.forEach((layer, k) => {
      const text = layer.instruction.replace(/\s*# buildkit\s*$/, '').replace(/\t/g, ' ');
      if (k === 0 || !isPackageLayer(text)) return;
      const key = `${p.parent}|${text}`;
      const known = byText.get(key);
      if (known) return void known.sizes.push(layer.compressedBytes);
      const e = estimateImage(parseDockerfile(`FROM ${p.parent}\n${text}`), opts);
      const l = e.layers.find((x) => x.kind !== 'base' && x.line === 2);
      // Only layers made of one apk install whose every figure is a measured Alpine size.
      if (!l || !/^apk installs [^;]*\(≈ [^)]* from measured Alpine [\d./]+ sizes\)/.test(l.basis)) return;
      if (/Debian|guess|unknown|downloads|Unpacking|user and group/.test(l.basis)) return;
      byText.set(key, {
        name: `${r.image}:${r.tag} layer ${k + 1}`,
        onDisk: l.uncompressedBytes,
        sizes: [layer.compressedBytes],
      });
    });
  }
  return [...byText.values()].map((x) => ({ name: x.name, onDisk: x.onDisk, compressed: median(x.sizes) }));
}

async function main(): Promise<void> {
  const rows = await apkLayerRatios();
  for (const x of rows)
    console.log(
      `${x.name.padEnd(50)} ${(x.onDisk / 1e6).toFixed(2)} MB / ${(x.compressed / 1e6).toFixed(2)} MB = ${(x.onDisk / x.compressed).toFixed(2)}`,
    );
  const ratios = rows.map((x) => x.onDisk / x.compressed);
  console.log(`median over ${ratios.length} layers: ${median(ratios).toFixed(2)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) void main();
