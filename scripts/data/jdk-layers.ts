// The layer of a JDK-bearing image that unpacks the JDK, and the on-disk ÷ gzip ratio to derive its
// on-disk size with. A JDK tree compresses far less than an OS layer, so the OS families' ~2.7
// would overstate it by about 40 %.
//
// Ratios of whole JDK trees without lib/src.zip (which the images leave out), measured with
// scripts/data/measure-jlink.ts on 2026-12-02:
//   * with jmods (zip archives that do not compress again; every JDK before 24, Corretto):
//     OpenJDK 17.0.15, 271.3 MB on disk / 140.3 MB gzip = 1.93;
//   * without jmods (Temurin from 24 on, built with JEP 493; other vendors keep them):
//     Temurin 25.0.3, 263.6 MB / 91.9 MB = 2.87 (its published JDK layer is 92.7 MB compressed).
export const JDK_TREE_RATIO = { withJmods: 1.93, withoutJmods: 2.87 };

export interface JdkLayerRef {
  instruction: string;
  compressedBytes: number;
}

/** Installs of a whole JDK: Temurin's checksum-verified download, jdk.java.net's archive. */
const JDK_INSTALL = /ESUM=.*BINARY_URL|openjdk\.tar\.gz|\(Temurin jdk-|download\.java\.net/i;
/** Images whose JDK comes from Temurin (maven and gradle build on eclipse-temurin). */
const TEMURIN = /^(eclipse-temurin|maven|gradle)$/;

export function jdkLayer<L extends JdkLayerRef>(e: {
  image: string;
  tag: string;
  layers: L[] | null;
}): { layer: L; ratio: number; why: string } | null {
  if (!e.layers?.length || /jre/.test(e.tag)) return null;
  // Corretto's install layer names no archive in its first lines: it is the image's largest layer.
  const layer =
    e.image === 'amazoncorretto'
      ? e.layers.reduce((a, b) => (b.compressedBytes > a.compressedBytes ? b : a))
      : e.layers.find((l) => JDK_INSTALL.test(l.instruction));
  if (!layer) return null;
  const major = Number(/(?:temurin-|jdk-?|^)(\d{2})(?!\d)/.exec(e.tag)?.[1] ?? 0);
  return TEMURIN.test(e.image) && major >= 24
    ? { layer, ratio: JDK_TREE_RATIO.withoutJmods, why: 'a Temurin JDK tree without jmods, measured' }
    : { layer, ratio: JDK_TREE_RATIO.withJmods, why: 'a JDK tree with jmods, measured' };
}
