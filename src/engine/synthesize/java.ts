// Java (Maven, Gradle): the original JDK image builds the jar; the runtime is a JRE of the same
// Java version (eclipse-temurin:<v>-jre) holding only the jar the container runs.
import type { ShellCommand } from '../model';
import { javaVersion } from '../ecosystems/java';
import {
  basename,
  builderOnlyCaveat,
  carriedRuns,
  dirname,
  isAlpineTag,
  osPackages,
  programName,
  programWords,
  resolvePath,
  unknownRunLines,
  userLine,
  type StageFacts,
  type SynthesisResult,
} from './common';
import { runtimeStageLines, plainBuilder, runtimePackages, startLines, twoStageText } from './compiled-stage';

const JAVA_IMAGES = new Set([
  'maven',
  'gradle',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'ibm-semeru-runtimes',
  'sapmachine',
  'azul/zulu-openjdk',
  'zulu-openjdk',
]);

type Tool = 'maven' | 'gradle';

function buildTool(cmd: ShellCommand): Tool | null {
  const p = programName(cmd);
  const goals = cmd.args.join(' ');
  if ((p === 'mvn' || p === 'mvnw') && /\b(package|install|verify|spring-boot:repackage)\b/.test(goals))
    return 'maven';
  if (
    (p === 'gradle' || p === 'gradlew') &&
    /\b(build|bootJar|jar|shadowJar|assemble|installDist)\b/.test(goals)
  )
    return 'gradle';
  return null;
}

export function synthesizeJava(facts: StageFacts): SynthesisResult | null {
  const read = readJavaStage(facts);
  if (!read) return null;
  const { tool, builds, jar } = read;
  const version = javaVersion(facts.image.name, facts.image.tag);
  const alpine = alpineJre(facts, version);
  const runtime = `eclipse-temurin:${version ?? '21'}-jre${alpine ? '-alpine' : ''}`;
  const caveats: string[] = [];
  if (!version)
    caveats.push(
      `The Java version could not be read from ${facts.baseRef}; the runtime assumes Java 21: use the version the build compiles for.`,
    );
  const copy = jarCopy(facts, tool, jar);
  caveats.push(...copy.caveats);
  const rt = runtimeStageLines(facts, {
    image: runtime,
    toolchainEnv: /^ENV\s+(MAVEN_|GRADLE_)/,
    packages: runtimePackages(facts, alpine, [], (p) => !/^(maven|gradle|openjdk.*)$/.test(p)),
    workdir: facts.workdir,
    product: [copy.line],
    builds,
    start: [...startLines(facts.stage, userLine(facts, null)), ...copy.start],
  });
  caveats.push(...jreCaveats(facts, tool, version, alpine));

  const explanation = `The build stage on ${facts.baseRef} runs the ${tool === 'maven' ? 'Maven' : 'Gradle'} build as before; the final stage on ${runtime} (a Java runtime without the JDK, the build tool or their caches) receives only the jar.`;
  const text = twoStageText(facts, plainBuilder(facts).lines, rt);
  return { text, ecosystem: 'java', caveats, explanation };
}

/** The JDK stage's builds and the jar `java -jar` runs (null: none named), or null when it runs something else. */
function readJavaStage(
  facts: StageFacts,
): { tool: Tool; builds: StageFacts['commands']; jar: string | null } | null {
  if (!JAVA_IMAGES.has(facts.image.name) && !JAVA_IMAGES.has(facts.image.repository)) return null;
  if (/jre/i.test(facts.image.tag ?? '')) return null;
  const builds = facts.commands.filter((c) => buildTool(c.cmd) !== null);
  if (!builds.length) return null;
  const tool = buildTool(builds[builds.length - 1].cmd)!;
  const words = programWords(facts.runWords) ?? [];
  if (!words.length) return { tool, builds, jar: null };
  if (basename(words[0]) !== 'java') return null; // mvn spring-boot:run, a script...: needs the JDK
  const k = words.indexOf('-jar');
  if (k < 0 || !words[k + 1] || /\$/.test(words[k + 1])) return null;
  return { tool, builds, jar: resolvePath(facts.workdir ?? '/', words[k + 1]) };
}

/**
 * Alpine JRE (the seeds' choice: far smaller) unless the original needs Debian/Ubuntu packages
 * or useradd in the final stage; Temurin publishes no Alpine JRE for Java 8 on every arch.
 */
function alpineJre(facts: StageFacts, version: string | null): boolean {
  const os = osPackages(facts);
  const debianOnly =
    (os.manager === 'apt' && os.runtime.length > 0) ||
    carriedRuns(facts).some((r) =>
      r.shell.commands.some((c) => /^(useradd|groupadd|usermod)$/.test(programName(c))),
    );
  return isAlpineTag(facts.image.tag) || (!debianOnly && version !== '8');
}

/**
 * The COPY of the jar the container runs; when the Dockerfile names none, the build tool's
 * conventional jar, copied to /app/app.jar and started by a CMD of its own.
 */
function jarCopy(
  facts: StageFacts,
  tool: Tool,
  jar: string | null,
): { line: string; start: string[]; caveats: string[] } {
  if (jar) {
    const dest = /[*?[]/.test(jar) ? dirname(jar) + '/' : jar;
    return { line: `COPY --from=build ${jar} ${dest}`, start: [], caveats: [] };
  }
  const finalWd = facts.workdir ?? '/';
  const built = tool === 'maven' ? 'target/*.jar' : 'build/libs/*.jar';
  return {
    line: `COPY --from=build ${finalWd === '/' ? '' : finalWd}/${built} /app/app.jar`,
    start: ['CMD ["java", "-jar", "/app/app.jar"]'],
    caveats: [
      `The Dockerfile does not say which jar runs; the conventional ${built} is copied to /app/app.jar and run. If the build makes several jars (e.g. a -plain jar), name the right one.`,
    ],
  };
}

/** What the JRE runtime changes: the JDK tools, the vendor, musl, and what stays uncached. */
function jreCaveats(facts: StageFacts, tool: Tool, version: string | null, alpine: boolean): string[] {
  const caveats = [
    `The final image has a JRE, not a JDK: tools such as javac, jcmd or jmap are gone. ${alpine && Number(version ?? 21) >= 11 ? 'The jlink step that follows replaces the JRE with a smaller runtime of the Java SE modules; switch it off to keep the JRE.' : 'A jlink-built runtime with only the modules the app uses is smaller still (advanced).'}`,
  ];
  if (!/temurin/.test(facts.baseRef))
    caveats.push(
      `The runtime is Eclipse Temurin; the build image was ${facts.baseRef}: check the JVM vendor does not matter to you.`,
    );
  if (alpine && !isAlpineTag(facts.image.tag))
    caveats.push(
      `The runtime moves to Alpine (musl libc): the JVM is built for it, but native libraries loaded through JNI need musl builds; eclipse-temurin:${version ?? '21'}-jre (Ubuntu, glibc) is the larger, safer choice.`,
    );
  caveats.push(
    `Copy pom.xml / build.gradle first and resolve the dependencies in their own layer (${tool === 'maven' ? 'mvn dependency:go-offline' : 'gradle dependencies'}) to keep them cached while the sources change; for multi-module builds every module's build file is needed.`,
    ...builderOnlyCaveat(
      unknownRunLines(facts, (c) => /^(mvn|mvnw|gradle|gradlew|java|jar)$/.test(programName(c))),
    ),
  );
  return caveats;
}
