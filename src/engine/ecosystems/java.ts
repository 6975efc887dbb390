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
  dockerignore: ['# Build output and tool caches', 'target', 'build', '.gradle', '*.class', 'out'],
  runtimeImages: ['eclipse-temurin:21-jre-alpine', 'eclipse-temurin:21-jre'],
});
