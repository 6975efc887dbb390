// The jlink step: after the Java synthesis, the Alpine JRE is replaced with a runtime linked from
// the Java SE modules. It is a step of its own (switchable, with its own saving), offered only on
// what the synthesis wrote, never on a user's own JRE image.
import { beforeAll, describe, expect, it } from 'vitest';
import { JLINK_STEP, jlinkModules, jlinkRuntime } from '../../../src/engine/synthesize/jlink';
import {
  analyze,
  df,
  finalBase,
  finalLines,
  parseDockerfile,
  promisesBroken,
  ready,
  syntaxErrors,
} from './helpers';

beforeAll(async () => {
  await ready;
});

const MAVEN = df(
  'FROM maven:3.9-eclipse-temurin-21',
  'WORKDIR /app',
  'COPY . .',
  'RUN mvn -B package -DskipTests',
  'EXPOSE 8080',
  'USER 1000',
  'ENTRYPOINT ["java", "-jar", "target/app.jar"]',
);

describe('jlink step after the Java synthesis', () => {
  it('links a runtime on the same Java version and ships it on plain Alpine, keeping the promises', () => {
    const a = analyze(MAVEN);
    const out = a.rewrite.dockerfile;
    expect(syntaxErrors(out)).toBe(0);
    expect(out).toMatch(/^FROM eclipse-temurin:21-jdk-alpine AS jre$/m);
    expect(out).toMatch(/jlink --add-modules java\.se,jdk\.unsupported,jdk\.crypto\.ec,/);
    expect(finalBase(out)).toMatch(/^alpine:3\.\d+$/);
    const final = finalLines(out).join('\n');
    expect(final).toMatch(/COPY --from=jre \/javaruntime \/opt\/java\/openjdk/);
    expect(final).toMatch(/PATH="\/opt\/java\/openjdk\/bin:\$PATH"/);
    expect(promisesBroken(MAVEN, out)).toEqual([]);

    const steps = a.rewrite.steps;
    const multi = steps.find((s) => s.id === 'multi-stage')!;
    const jlink = steps.find((s) => s.id === JLINK_STEP)!;
    expect(steps.indexOf(jlink)).toBeGreaterThan(steps.indexOf(multi));
    expect(jlink.enabled).toBe(true);
    expect(jlink.technique).toBe('base-image');
    // Its own saving: the JRE image's layers minus the linked runtime (tens of MB), measured.
    expect(jlink.savingsBytes).toBeGreaterThan(50e6);
    expect(jlink.caveats!.join(' ')).toMatch(/--add-modules/);
    expect(jlink.caveats!.join(' ')).toMatch(/fontconfig/);
    // Rewriting the result again changes nothing.
    expect(analyze(out).rewrite.dockerfile).toBe(out);
  });

  it('switched off, the JRE stays and the step still shows what it would save', () => {
    const on = analyze(MAVEN);
    const off = analyze(MAVEN, { rewrite: { disabledSteps: [JLINK_STEP] } });
    expect(finalBase(off.rewrite.dockerfile)).toBe('eclipse-temurin:21-jre-alpine');
    const step = off.rewrite.steps.find((s) => s.id === JLINK_STEP)!;
    expect(step.enabled).toBe(false);
    expect(step.savingsBytes).toBe(
      off.rewrite.estimate.uncompressedBytes - on.rewrite.estimate.uncompressedBytes,
    );
    expect(analyze(off.rewrite.dockerfile).rewrite.dockerfile).toBe(off.rewrite.dockerfile);
  });

  it('is not offered on a Dockerfile that already ships a JRE (no false alarm)', () => {
    const text = df(
      'FROM maven:3.9-eclipse-temurin-21-alpine AS builder',
      'WORKDIR /app',
      'COPY pom.xml .',
      'RUN mvn dependency:go-offline',
      'COPY src ./src',
      'RUN mvn package -DskipTests',
      'FROM eclipse-temurin:21-jre-alpine',
      'WORKDIR /app',
      'COPY --from=builder /app/target/*.jar app.jar',
      'RUN adduser -D appuser',
      'USER appuser',
      'ENTRYPOINT ["java", "-jar", "app.jar"]',
    );
    const a = analyze(text);
    expect(a.rewrite.steps.map((s) => s.id)).not.toContain(JLINK_STEP);
    expect(a.findings.map((f) => f.ruleId)).not.toContain('multi-stage');
  });

  it('keeps the JRE where jlink does not fit: Java 8, Debian packages in the runtime', () => {
    const java8 = analyze(
      df('FROM maven:3.8-openjdk-8', 'COPY . .', 'RUN mvn package', 'CMD ["java", "-jar", "target/a.jar"]'),
    );
    expect(finalBase(java8.rewrite.dockerfile)).toBe('eclipse-temurin:8-jre');
    const apt = analyze(
      df(
        'FROM maven:3.9-eclipse-temurin-17',
        'RUN apt-get update && apt-get install -y --no-install-recommends libfreetype6 && rm -rf /var/lib/apt/lists/*',
        'COPY . .',
        'RUN mvn package',
        'CMD ["java", "-jar", "target/a.jar"]',
      ),
    );
    expect(finalBase(apt.rewrite.dockerfile)).toBe('eclipse-temurin:17-jre');
    for (const a of [java8, apt]) expect(a.rewrite.steps.map((s) => s.id)).not.toContain(JLINK_STEP);
  });
});

describe('jlinkRuntime', () => {
  const jre = (from: string, run = 'CMD ["java", "-jar", "/app.jar"]') =>
    jlinkRuntime(
      parseDockerfile(
        df('FROM maven:3 AS build', 'RUN mvn package', from, 'COPY --from=build /t/a.jar /app.jar', run),
      ),
    );

  it('needs a Temurin Alpine JRE of Java 11 or later running java', () => {
    expect(jre('FROM eclipse-temurin:17-jre-alpine')).not.toBeNull();
    expect(jre('FROM eclipse-temurin:21.0.5_11-jre-alpine')).not.toBeNull();
    expect(jre('FROM eclipse-temurin:8-jre-alpine')).toBeNull();
    expect(jre('FROM eclipse-temurin:21-jre')).toBeNull();
    expect(jre('FROM amazoncorretto:21-alpine')).toBeNull();
    expect(jre('FROM eclipse-temurin:21-jre-alpine', 'CMD ["./start.sh"]')).toBeNull();
    expect(
      jre('FROM eclipse-temurin:21-jre-alpine', 'CMD ["sh", "-c", "exec java -jar /app.jar"]'),
    ).not.toBeNull();
  });

  it('replaces only the final FROM line, naming the new stage so it does not clash', () => {
    const text = df(
      'FROM maven:3 AS jre',
      'RUN mvn package',
      'FROM eclipse-temurin:21-jre-alpine',
      'COPY --from=jre /t/a.jar /a.jar',
      'CMD ["java", "-jar", "/a.jar"]',
    );
    const r = jlinkRuntime(parseDockerfile(text))!;
    expect(text.slice(r.edit.start, r.edit.end)).toBe('FROM eclipse-temurin:21-jre-alpine');
    expect(r.edit.text).toMatch(/AS java-runtime$/m);
    expect(r.edit.text).toMatch(/COPY --from=java-runtime /);
  });

  it('adds the EC provider only before Java 22, where it moved into java.base', () => {
    expect(jlinkModules(17)).toContain('jdk.crypto.ec');
    expect(jlinkModules(25)).not.toContain('jdk.crypto.ec');
    expect(jlinkModules(25)).toContain('java.se');
  });
});
