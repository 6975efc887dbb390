// The JVM: Maven and Gradle, their repositories, jars, and jlink-ed runtimes.
import { defineEcosystem } from './types';

export const java = defineEcosystem({
  id: 'java',
  title: 'Java / Kotlin (Maven, Gradle)',
  kind: 'language',
  managers: ['maven', 'gradle'],
  buildTools: ['maven', 'gradle', 'jlink'],
  manifests: [
    'pom.xml',
    'build.gradle',
    'build.gradle.kts',
    'settings.gradle',
    'settings.gradle.kts',
    'gradle.properties',
  ],
  lockfiles: [],
  copyFirst: {},
  caches: [
    { cache: 'maven', paths: /\/\.m2(\/|$)/, kinds: ['maven-repo'], what: '~/.m2' },
    { cache: 'gradle', paths: /\/\.gradle(\/|$)/, kinds: ['gradle-cache'], what: "Gradle's caches" },
  ],
  cacheMounts: {
    maven: { target: '/root/.m2', also: [], hadolint: 'DL3071' },
    gradle: { target: '/root/.gradle', also: ['/home/gradle/.gradle'], hadolint: 'DL3072' },
  },
  outputs: ['target', 'build'],
  dockerignore: ['# Build output and tool caches', 'target', 'build', '**/.gradle', '*.class', 'out'],
  runtimeImages: ['eclipse-temurin:21-jre-alpine', 'eclipse-temurin:21-jre'],
  signs: {
    programs: ['mvn', 'gradle', 'gradlew', 'mvnw', 'java'],
    images: /maven|gradle|openjdk|temurin|corretto|jdk|jre/,
  },
});

/** Java major version from the image tag: maven:3.9-eclipse-temurin-21 → 21, openjdk:17-slim → 17. */
export function javaVersion(name: string, tag: string | null): string | null {
  const t = (tag ?? '').toLowerCase();
  const m = /(?:jdk|temurin|openjdk|corretto|java|graalvm|zulu|semeru|sapmachine)-?(\d{1,2})(?![\d.])/.exec(
    t,
  );
  if (m) return m[1];
  if (name !== 'maven' && name !== 'gradle') {
    const lead = /^(\d{1,2})(?:[.u-]|$)/.exec(t);
    if (lead) return lead[1] === '1' ? (/^1\.(\d)/.exec(t)?.[1] ?? null) : lead[1];
  }
  return null;
}
