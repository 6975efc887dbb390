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
      name: 'a JDK image that only runs a jar: reported, not fixed',
      code: df('FROM eclipse-temurin:21-jdk', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]'),
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
