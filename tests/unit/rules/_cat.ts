import { baseImages } from '../../../src/engine/size/catalog';
for (const ref of process.argv.slice(2)) {
  const r = baseImages.resolve(ref);
  const e = r.entry;
  console.log(ref, r.match, e && { ref: e.reference, variant: e.variant, toolchain: e.toolchain, runtime: e.runtime, libc: e.libc, shell: e.shell, mb: Math.round(e.uncompressedBytes / 1e6) });
  if (e) console.log('  alts:', baseImages.alternatives(e).map((a) => `${a.reference}(${a.variant},${Math.round(a.uncompressedBytes / 1e6)})`).join(' '));
}
