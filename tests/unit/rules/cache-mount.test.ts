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
  ],
});
