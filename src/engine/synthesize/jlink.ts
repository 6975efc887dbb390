// A custom Java runtime (jlink) in place of the Alpine JRE that the Java synthesis ships. Offered
// by the rewriter only right after that synthesis, as a step of its own, so the JRE and the jlink
// runtime each show their saving and the user can keep the JRE by switching this step off.
// The module set is fixed and broad (all of Java SE plus the JDK modules libraries often reach
// for), not computed by jdeps: a rewrite cannot see the jar, and a missing module only fails at
// run time.
import type { DockerfileModel } from '../model';
import type { TextEdit } from '../rules/types';
import { commandWords, basename, lastOf, programWords, splitImage } from './common';

export const JLINK_STEP = 'jlink-runtime';
export const JLINK_TITLE = 'Link a Java runtime with only the Java SE modules (jlink)';

/** The Alpine release of the runtime stage: a supported one (3.20 reached its end of life in 2026). */
export const JLINK_ALPINE = 'alpine:3.23';
const RUNTIME_DIR = '/javaruntime';
const JAVA_HOME = '/opt/java/openjdk';

export interface JlinkRewrite {
  edit: TextEdit;
  explanation: string;
  caveats: string[];
}

/** Modules: Java SE, sun.misc.Unsafe (Netty, many libraries), ZIP file systems, JMX extras, DNS
 *  lookups through JNDI, and (before Java 22, where it moved into java.base) the EC provider TLS needs. */
export function jlinkModules(version: number): string[] {
  return [
    'java.se',
    'jdk.unsupported',
    ...(version < 22 ? ['jdk.crypto.ec'] : []),
    'jdk.zipfs',
    'jdk.management',
    'jdk.naming.dns',
  ];
}

/**
 * The edit that turns a final `FROM eclipse-temurin:<v>-jre-alpine` running `java` into a jlink
 * stage on the matching JDK plus a plain Alpine final stage; null when the file is not of that
 * shape (no jlink before Java 11, a stage name taken, the final stage does not run java...).
 */
export function jlinkRuntime(model: DockerfileModel): JlinkRewrite | null {
  const final = model.stages.find((s) => s.final);
  if (!final || model.syntaxErrors.length || model.directives.escape !== '\\') return null;
  const image = splitImage(final.from.resolvedImage ?? final.from.image);
  const m = /^(\d{1,2})(?:[._+\d]*)-jre-alpine$/.exec(image.tag ?? '');
  if (image.name !== 'eclipse-temurin' || !m || Number(m[1]) < 11 || final.from.platform) return null;
  const ep = commandWords(lastOf(final, 'ENTRYPOINT'));
  const words = programWords(ep ?? commandWords(lastOf(final, 'CMD')));
  if (!words?.length || basename(words[0]) !== 'java') return null;
  const taken = new Set(model.stages.map((s) => s.name?.toLowerCase()));
  const name = ['jre', 'java-runtime', 'jlink'].find((n) => !taken.has(n));
  if (!name) return null;

  const version = Number(m[1]);
  const modules = jlinkModules(version);
  const nl = model.text.includes('\r\n') ? '\r\n' : '\n';
  const alias = final.name ? ` AS ${final.name}` : '';
  const text = [
    `FROM eclipse-temurin:${m[1]}-jdk-alpine AS ${name}`,
    `RUN jlink --add-modules ${modules.join(',')} \\`,
    `    --strip-debug --no-man-pages --no-header-files --output ${RUNTIME_DIR}`,
    '',
    `FROM ${JLINK_ALPINE}${alias}`,
    `ENV JAVA_HOME=${JAVA_HOME} \\`,
    `    PATH="${JAVA_HOME}/bin:$PATH" \\`,
    '    LANG=C.UTF-8',
    `COPY --from=${name} ${RUNTIME_DIR} ${JAVA_HOME}`,
  ].join(nl);
  const explanation = `The final stage no longer starts from the Temurin JRE image: a stage on eclipse-temurin:${m[1]}-jdk-alpine runs jlink to build a Java ${m[1]} runtime holding only the Java SE modules (${modules.join(', ')}), without debug data, man pages or C headers, and ${JLINK_ALPINE} receives just that runtime. No --compress: the registry compresses layers already, and an uncompressed runtime starts faster.`;
  const caveats = [
    `Only these modules are in the runtime: ${modules.join(', ')}. An app or library that needs another JDK module fails at run time (ClassNotFoundException, NoClassDefFoundError or a missing service): add it to --add-modules, e.g. jdk.jfr (Flight Recorder), jdk.jdwp.agent (remote debugging), jdk.attach (agents attaching), jdk.httpserver, jdk.localedata (locale data besides English). \`jdeps --ignore-missing-deps --recursive --multi-release ${m[1]} --print-module-deps\` on the app's jar and its libraries lists what the code uses, and can trim the list further.`,
    'The image has no fonts: an app that draws text (PDF or image generation, charts, reports through AWT) needs `RUN apk add --no-cache fontconfig ttf-dejavu` in the final stage. Like a JRE, the runtime has no diagnostic tools (jcmd, jstack, jmap).',
    `The runtime is yours to update now: security fixes of the JDK and of Alpine arrive when the image is rebuilt (eclipse-temurin:${m[1]}-jdk-alpine and ${JLINK_ALPINE} both move with their tags), not with a new JRE tag. Switch this step off to keep eclipse-temurin:${m[1]}-jre-alpine.`,
  ];
  return { edit: { start: final.from.span.start, end: final.from.span.end, text }, explanation, caveats };
}
