// Java packages installed with apk (Alpine's openjdkNN-jdk/-jre, Amazon Corretto's
// amazon-corretto-NN from its own apk repository): a JDK or JRE tree as big as the published
// Temurin musl layer of the nearest major (src/data/jdk-archives.json). The Alpine table holds
// no figure for them, and a typical package size was 50× too small (amazoncorretto:17-alpine).
import { nearest, type JdkArchiveRow } from './jdk-archives';

const APK_JDK =
  /^(?:openjdk(\d+)(?:-(jdk|jre|jre-headless))?|amazon-corretto-(\d+)(?:-(jdk|jre))?|(?:liberica|zulu)(\d+)-(?:[a-z]+-)*(jdk|jre))$/;

export interface ApkJdk {
  name: string;
  row: JdkArchiveRow;
  /** The basis sentence: what the package was sized as. */
  label: string;
}

/** The JDK/JRE an apk package name installs, or null when the name is not one. */
export function apkJdk(raw: string): ApkJdk | null {
  const name = raw
    .trim()
    .toLowerCase()
    .replace(/[<>=~].*$/, '');
  const m = APK_JDK.exec(name);
  if (!m) return null;
  const major = Number(m[1] ?? m[3] ?? m[5]);
  const kind = (m[2] ?? m[4] ?? m[6] ?? 'jdk').startsWith('jre') ? 'jre' : 'jdk';
  const row = nearest(major, kind, 'musl');
  if (!row) return null;
  const same = row.major === major && row.libc === 'musl';
  return {
    name,
    row,
    label: `${name} as the published Temurin ${row.major} ${kind.toUpperCase()} (${row.libc}) layer${same ? '' : ` (Java ${major} not published for musl: nearest major)`}`,
  };
}
