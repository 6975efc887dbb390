// cache-mount: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('cache-mount', {
  valid: [
    {
      name: 'npm ci with a cache mount',
      code: df('FROM node:22-slim', 'RUN --mount=type=cache,target=/root/.npm npm ci'),
    },
    {
      name: 'apt is left to the package-cache rules',
      code: df('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl'),
    },
    {
      name: 'pip with --no-cache-dir',
      code: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir flask'),
    },
  ],
  invalid: [
    {
      name: 'go build without a cache mount',
      code: df('FROM golang:1.23', 'RUN go build -o /app .'),
      output: df(
        'FROM golang:1.23',
        'RUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .',
      ),
    },
    {
      name: 'cargo build',
      code: df('FROM rust:1.82', 'RUN cargo build --release'),
      output: df(
        'FROM rust:1.82',
        'RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --release',
      ),
    },
    // The message names the command as written, not the manager's name.
    { name: 'npm ci is named npm ci', code: df('FROM node:22', 'RUN npm ci'), message: /^npm ci without/ },
    {
      name: 'a Maven dependency goal is named as written',
      code: df('FROM maven:3-eclipse-temurin-21', 'RUN mvn -B dependency:go-offline'),
      message: /^mvn dependency:go-offline without/,
    },
    {
      name: 'bundle install, not "bundler install"',
      code: df('FROM ruby:3.3', 'RUN bundle install'),
      message: /^bundle install without/,
    },
    {
      name: 'python -m pip is named by the manager',
      code: df('FROM python:3.12', 'RUN python -m pip install flask'),
      message: /^pip install without/,
    },
    {
      name: 'dotnet restore',
      code: df('FROM mcr.microsoft.com/dotnet/sdk:8.0', 'RUN dotnet restore'),
      message: /^dotnet restore without/,
    },
  ],
});
