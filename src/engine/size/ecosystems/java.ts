// Sizing the JVM: the Maven repository, Gradle caches, jars and jlink-ed runtimes.
import * as H from '../heuristics';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf } from '../context';
import type { Build, RunScope } from '../commands/scope';
import { hasLive } from '../commands/scope';
import type { EcosystemSizing } from '../commands/scope';

export function mavenRepo(s: RunScope, why: string): void {
  const dir = `${homeOf(s.st)}/.m2`;
  const existing = hasLive(s, 'maven-repo');
  const b = existing ? Math.round(H.MAVEN_REPO * 0.15) : H.MAVEN_REPO;
  addNew(
    s.st,
    s.layer,
    'maven-repo',
    `${dir}/repository`,
    b,
    'low',
    `Maven's ${why} fills ~/.m2 with plugins and dependency jars (≈ ${formatBytes(b)}${existing ? ', plugins not yet fetched' : ', typical for a Spring Boot service'})`,
  );
}

export function gradleCache(s: RunScope): void {
  const dir = s.st.env.GRADLE_USER_HOME ?? `${homeOf(s.st)}/.gradle`;
  const existing = hasLive(s, 'gradle-cache');
  const b = existing ? Math.round(H.GRADLE_CACHE * 0.1) : H.GRADLE_CACHE;
  addNew(
    s.st,
    s.layer,
    'gradle-cache',
    dir,
    b,
    'low',
    `Gradle fills ${dir.replace(homeOf(s.st), '~')} with its distribution and dependency caches (≈ ${formatBytes(b)}, typical)`,
  );
}

export function mavenBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  const goals = args.filter((a) => !a.startsWith('-'));
  mavenRepo(s, goals.join(' ') || 'build');
  if (
    goals.some((g) => /^(package|install|verify|deploy|spring-boot:repackage)$/.test(g)) ||
    goals.length === 0
  ) {
    const dir = `${s.cwd}/target`;
    addNew(
      s.st,
      s.layer,
      'jar',
      `${dir}/*.jar`,
      H.JAR_BYTES,
      'low',
      `mvn package writes the application jar to target/ (≈ ${formatBytes(H.JAR_BYTES)}, a typical Spring Boot fat jar)`,
      { file: true },
    );
    addNew(
      s.st,
      s.layer,
      'build-output',
      dir,
      H.JAVA_BUILD_TREE,
      'low',
      `classes and reports in target/ (≈ ${formatBytes(H.JAVA_BUILD_TREE)})`,
    );
  }
}

export function gradleBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  gradleCache(s);
  const dir = `${s.cwd}/build`;
  addNew(
    s.st,
    s.layer,
    'jar',
    `${dir}/libs/*.jar`,
    H.JAR_BYTES,
    'low',
    `gradle writes the application jar to build/libs (≈ ${formatBytes(H.JAR_BYTES)}, typical)`,
    { file: true },
  );
  addNew(
    s.st,
    s.layer,
    'build-output',
    dir,
    H.JAVA_BUILD_TREE,
    'low',
    `classes and reports in build/ (≈ ${formatBytes(H.JAVA_BUILD_TREE)})`,
  );
}

/** A jlink-ed runtime: sized by its module list from runtimes measured with the same flags. */
export function jlinkRuntime(s: RunScope, e: Build, args: string[], out: string | null): void {
  const path = out ?? `${s.cwd}/jre`;
  const sizes = H.JLINK_RUNTIME[Number(/(\d{2})/.exec(s.st.baseLabel)?.[1] ?? 25) <= 17 ? '17' : '25'];
  const modules = (e.target ?? '').split(',').filter(Boolean);
  let bytes: number;
  let what: string;
  if (!modules.length || modules.some((m) => /\$/.test(m))) {
    bytes = sizes.typical;
    what = 'modules unknown here: sized as the nine a typical Spring Boot service needs';
  } else if (modules.includes('ALL-MODULE-PATH')) {
    bytes = sizes.all;
    what = 'every JDK module';
  } else if (modules.includes('java.se')) {
    bytes = sizes.se;
    what = 'the Java SE modules';
  } else {
    // Between java.base alone and all of Java SE, by the share of the ~22 other SE modules named.
    const share = Math.min(1, modules.filter((m) => m !== 'java.base').length / 22);
    bytes = Math.round(sizes.base + (sizes.se - sizes.base) * share);
    what = modules.length === 1 ? modules[0] : `${modules.length} modules`;
  }
  const stripped = args.includes('--strip-debug') || args.includes('-G');
  if (!stripped) bytes = Math.round(bytes * H.JLINK_DEBUG_FACTOR);
  const k = args.findIndex((a) => /^(--compress|-c)(=.*)?$/.test(a));
  const level = k < 0 ? '0' : args[k].includes('=') ? args[k].split('=')[1] : (args[k + 1] ?? '0');
  const zipped = /^(2|zip-[1-9])$/.test(level);
  let gzip = bytes / H.JLINK_RATIO;
  if (zipped) {
    gzip *= H.JLINK_ZIP_GZIP;
    bytes = Math.round(bytes * H.JLINK_ZIP_DISK);
  }
  addNew(
    s.st,
    s.layer,
    'java-runtime',
    path,
    bytes,
    'medium',
    `jlink writes a Java runtime to ${path} with ${what} (≈ ${formatBytes(bytes)}${stripped ? '' : ', debug data kept'}${zipped ? ', zip-compressed' : ''}; measured jlink output of the same kind)`,
    { compressedBytes: Math.round(gzip) },
  );
}

export const javaSizing: EcosystemSizing = {
  install: (s, e) => (e.manager === 'maven' ? mavenRepo(s, 'dependency resolution') : gradleCache(s)),
  builds: { maven: mavenBuild, gradle: gradleBuild, jlink: jlinkRuntime },
};
