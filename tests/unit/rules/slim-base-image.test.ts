// slim-base-image: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('slim-base-image', {
  valid: [
    { name: 'ubuntu is about as small as debian-slim', code: df('FROM ubuntu:24.04', 'CMD ["bash"]') },
    { name: 'already slim', code: df('FROM node:22-slim', 'CMD ["node"]') },
    { name: 'alpine', code: df('FROM python:3.12-alpine', 'CMD ["python"]') },
    {
      name: 'full image only in a builder stage',
      code: df('FROM node:22 AS build', 'RUN echo', 'FROM node:22-slim', 'COPY --from=build /a /a'),
    },
    {
      name: 'an SDK image is the multi-stage rule’s business',
      code: df('FROM golang:1.23', 'RUN go build -o /app .'),
    },
    { name: 'distroless', code: df('FROM gcr.io/distroless/nodejs22-debian12', 'CMD ["server.js"]') },
  ],
  invalid: [
    {
      name: 'a JDK image that only runs a jar: the JRE of the same version',
      code: df('FROM eclipse-temurin:21-jdk', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]'),
      output: df('FROM eclipse-temurin:21-jre', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]'),
    },
    {
      name: 'an Alpine JDK of another vendor, started through sh -c: the Alpine JRE',
      code: df(
        'FROM amazoncorretto:17-alpine AS run',
        'COPY app.jar /app.jar',
        'ENTRYPOINT ["sh", "-c", "java $JAVA_OPTS -jar /app.jar"]',
      ),
      output: df(
        'FROM eclipse-temurin:17-jre-alpine AS run',
        'COPY app.jar /app.jar',
        'ENTRYPOINT ["sh", "-c", "java $JAVA_OPTS -jar /app.jar"]',
      ),
    },
    {
      name: 'a JDK stage that installs OS packages: reported, not fixed (the JRE image may use another OS)',
      code: df(
        'FROM openjdk:17-jdk-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
        'COPY app.jar /app.jar',
        'CMD ["java", "-jar", "/app.jar"]',
      ),
      output: null,
    },
    {
      name: 'java started by its path: reported, not fixed (JAVA_HOME moves)',
      code: df(
        'FROM openjdk:21',
        'COPY app.jar /app.jar',
        'CMD ["/usr/java/openjdk-21/bin/java", "-jar", "/app.jar"]',
      ),
      output: null,
    },
    {
      name: 'node:22',
      code: df('FROM node:22', 'CMD ["node"]'),
      output: df('FROM node:22-slim', 'CMD ["node"]'),
    },
    {
      name: 'python with a Debian codename',
      code: df('FROM python:3.12-bookworm', 'CMD ["python"]'),
      output: df('FROM python:3.12-slim-bookworm', 'CMD ["python"]'),
    },
    {
      name: 'final stage built FROM a full-image stage: reported, not fixed',
      code: df('FROM node:22 AS base', 'FROM base', 'CMD ["node"]'),
      output: null,
    },
  ],
});
