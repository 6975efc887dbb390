// Java (Maven, Gradle): the original JDK image builds the jar; the runtime is a JRE of the same
// Java version (eclipse-temurin:<v>-jre) holding only the jar the container runs.
import type { ShellCommand } from '../../model';
import { javaVersion } from '../../ecosystems/java';
import {
  argEnvLines,
  assetCopies,
  buildDirs,
  basename,
  builderOnlyCaveat,
  builderStage,
  carriedRunLines,
  carriedRuns,
  dirname,
  healthcheckTool,
  isAlpineTag,
  joinLines,
  labelLines,
  osInstallLine,
  osPackages,
  preamble,
  programName,
  programWords,
  rawOf,
  resolvePath,
  runtimeTail,
  unknownRunLines,
  type StageFacts,
  type SynthesisResult,
} from './common';

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

function buildTool(cmd: ShellCommand): 'maven' | 'gradle' | null {
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
  if (!JAVA_IMAGES.has(facts.image.name) && !JAVA_IMAGES.has(facts.image.repository)) return null;
  if (/jre/i.test(facts.image.tag ?? '')) return null;
  const builds = facts.commands.filter((c) => buildTool(c.cmd) !== null);
  if (!builds.length) return null;
  const tool = buildTool(builds[builds.length - 1].cmd)!;
  const words = programWords(facts.runWords) ?? [];
  const finalWd = facts.workdir ?? '/';
  const caveats: string[] = [];

  // The jar the container runs: `java ... -jar <path>`.
  let jar: string | null = null;
  if (words.length) {
    if (basename(words[0]) !== 'java') return null; // mvn spring-boot:run, a script...: needs the JDK
    const k = words.indexOf('-jar');
    if (k < 0 || !words[k + 1] || /\$/.test(words[k + 1])) return null;
    jar = resolvePath(finalWd, words[k + 1]);
  }
  const version = javaVersion(facts.image.name, facts.image.tag);
  // Alpine JRE (the seeds' choice: far smaller) unless the original needs Debian/Ubuntu packages
  // or useradd in the final stage; Temurin publishes no Alpine JRE for Java 8 on every arch.
  const os0 = osPackages(facts);
  const debianOnly =
    (os0.manager === 'apt' && os0.runtime.length > 0) ||
    carriedRuns(facts).some((r) =>
      r.shell.commands.some((c) => /^(useradd|groupadd|usermod)$/.test(programName(c))),
    );
  const alpine = isAlpineTag(facts.image.tag) || (!debianOnly && version !== '8');
  const runtime = `eclipse-temurin:${version ?? '21'}-jre${alpine ? '-alpine' : ''}`;
  if (!version)
    caveats.push(
      `The Java version could not be read from ${facts.baseRef}; the runtime assumes Java 21: use the version the build compiles for.`,
    );

  const b = builderStage(facts, { name: 'build', image: facts.builderRef, manifests: null });
  const rt: string[] = [`FROM ${runtime}`];
  rt.push(...argEnvLines(facts.stage).filter((l) => !/^ENV\s+(MAVEN_|GRADLE_)/.test(l)));
  rt.push(...labelLines(facts.stage));
  const os = osPackages(facts);
  const mgr = alpine ? 'apk' : 'apt';
  const hc = healthcheckTool(facts.stage);
  const pk = [
    ...(os.manager === mgr ? os.runtime : []),
    ...(hc === 'curl' || (hc === 'wget' && !alpine) ? [hc] : []),
  ];
  const osLine = osInstallLine(
    mgr,
    [...new Set(pk)].filter((p) => !/^(maven|gradle|openjdk.*)$/.test(p)),
  );
  if (osLine) rt.push(osLine);
  if (facts.workdir) rt.push(`WORKDIR ${facts.workdir}`);
  let tail = runtimeTail(facts.stage, { user: facts.user ? rawOf(facts.user) : null });
  if (jar) {
    const dest = /[*?[]/.test(jar) ? dirname(jar) + '/' : jar;
    rt.push(`COPY --from=build ${jar} ${dest}`);
  } else {
    const conventional =
      tool === 'maven'
        ? `${finalWd === '/' ? '' : finalWd}/target/*.jar`
        : `${finalWd === '/' ? '' : finalWd}/build/libs/*.jar`;
    rt.push(`COPY --from=build ${conventional} /app/app.jar`);
    tail = [...tail, 'CMD ["java", "-jar", "/app/app.jar"]'];
    caveats.push(
      `The Dockerfile does not say which jar runs; the conventional ${tool === 'maven' ? 'target/*.jar' : 'build/libs/*.jar'} is copied to /app/app.jar and run. If the build makes several jars (e.g. a -plain jar), name the right one.`,
    );
  }
  rt.push(
    ...assetCopies(
      facts,
      buildDirs(
        facts,
        builds.map((x) => x.run),
      ),
    ),
  );
  rt.push(...carriedRunLines(facts, rt));
  rt.push(...tail);

  caveats.push(
    `The final image has a JRE, not a JDK: tools such as javac, jcmd or jmap are gone. ${alpine && Number(version ?? 21) >= 11 ? 'The jlink step that follows replaces the JRE with a smaller runtime of the Java SE modules; switch it off to keep the JRE.' : 'A jlink-built runtime with only the modules the app uses is smaller still (advanced).'}`,
  );
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
  );
  caveats.push(
    ...builderOnlyCaveat(
      unknownRunLines(facts, (c) => /^(mvn|mvnw|gradle|gradlew|java|jar)$/.test(programName(c))),
    ),
  );

  const text = joinLines([...preamble(facts.model), ...b.lines, '', ...rt]);
  const explanation = `The build stage on ${facts.baseRef} runs the ${tool === 'maven' ? 'Maven' : 'Gradle'} build as before; the final stage on ${runtime} (a Java runtime without the JDK, the build tool or their caches) receives only the jar.`;
  return { text, ecosystem: 'java', caveats, explanation };
}
