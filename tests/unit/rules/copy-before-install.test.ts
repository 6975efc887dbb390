// copy-before-install: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('copy-before-install', {
  valid: [
    {
      name: 'manifests first',
      code: df('FROM node:22-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .'),
    },
    {
      name: 'a build after COPY . . once the modules were downloaded first',
      code: df(
        'FROM golang:1.23',
        'WORKDIR /src',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'COPY . .',
        'RUN go build -o /app .',
      ),
    },
    {
      name: 'a build whose dependency cache is a cache mount',
      code: df(
        'FROM maven:3.9-eclipse-temurin-21',
        'COPY . .',
        'RUN --mount=type=cache,target=/root/.m2 mvn -B package',
      ),
    },
    {
      name: 'cargo chef cooked the dependencies before the source came in',
      code: df(
        'FROM rust:1.80 AS build',
        'RUN cargo install cargo-chef',
        'COPY recipe.json .',
        'RUN cargo chef cook --release --recipe-path recipe.json',
        'COPY . .',
        'RUN cargo build --release',
      ),
    },
    {
      name: 'the parent stage downloaded the modules',
      code: df(
        'FROM golang:1.23 AS deps',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'FROM deps AS build',
        'COPY . .',
        'RUN go build -o /app .',
      ),
    },
    {
      name: 'vendored Go modules need no download',
      code: df('FROM golang:1.23', 'COPY . .', 'RUN go build -mod=vendor -o /app .'),
    },
    {
      name: 'a build that fetches nothing (make)',
      code: df('FROM gcc:14', 'COPY . .', 'RUN make'),
    },
    {
      name: 'uv: dependencies first (--no-install-project), the project after COPY . .',
      code: df(
        'FROM python:3.12-slim',
        'WORKDIR /app',
        'COPY pyproject.toml uv.lock ./',
        'RUN uv sync --frozen --no-install-project',
        'COPY . .',
        'RUN uv sync --frozen',
      ),
    },
    {
      name: 'named packages are not a manifest install',
      code: df('FROM node:22-slim', 'COPY . .', 'RUN npm install -g pm2'),
    },
  ],
  invalid: [
    {
      name: 'an upgrade of pip before COPY . . does not count as installing the dependencies',
      code: df(
        'FROM python:3.12-slim',
        'RUN pip install --upgrade pip',
        'COPY . .',
        'RUN pip install -r requirements.txt',
      ),
      output: df(
        'FROM python:3.12-slim',
        'RUN pip install --upgrade pip',
        'COPY requirements.txt ./',
        'RUN pip install -r requirements.txt',
        'COPY . .',
      ),
    },
    {
      name: 'pip install -r after COPY . .',
      code: df(
        'FROM python:3.12-slim',
        'WORKDIR /app',
        'COPY . .',
        'RUN pip install -r requirements.txt',
        'CMD ["python", "app.py"]',
      ),
      output: df(
        'FROM python:3.12-slim',
        'WORKDIR /app',
        'COPY requirements.txt ./',
        'RUN pip install -r requirements.txt',
        'COPY . .',
        'CMD ["python", "app.py"]',
      ),
    },
    {
      name: 'yarn install after COPY . .',
      code: df('FROM node:22-slim', 'COPY . .', 'RUN yarn install --frozen-lockfile'),
      output: df(
        'FROM node:22-slim',
        'COPY package.json yarn.lock* ./',
        'RUN yarn install --frozen-lockfile',
        'COPY . .',
      ),
    },
    {
      name: 'install not directly after the copy: reported, not fixed',
      code: df('FROM node:22-slim', 'COPY . .', 'ENV CI=1', 'RUN npm ci'),
      output: null,
    },
    {
      name: 'go build after COPY . .: go.mod and go.sum first, with go mod download',
      code: df('FROM golang:1.23', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'),
      output: df(
        'FROM golang:1.23',
        'WORKDIR /src',
        'COPY go.mod go.sum* ./',
        'RUN go mod download',
        'COPY . .',
        'RUN go build -o /app .',
      ),
    },
    {
      name: 'mvn package after COPY . .: pom.xml first, with dependency:go-offline',
      code: df('FROM maven:3.9-eclipse-temurin-21', 'WORKDIR /app', 'COPY . .', 'RUN mvn -B package'),
      output: df(
        'FROM maven:3.9-eclipse-temurin-21',
        'WORKDIR /app',
        'COPY pom.xml ./',
        'RUN mvn -B dependency:go-offline',
        'COPY . .',
        'RUN mvn -B package',
      ),
    },
    {
      name: 'cargo build after COPY . .: reported, not fixed (no one-line way to build only the dependencies)',
      code: df('FROM rust:1.80', 'WORKDIR /app', 'COPY . .', 'RUN cargo build --release'),
      output: null,
    },
    {
      name: 'maven: reported, not fixed',
      code: df('FROM maven:3.9-eclipse-temurin-21', 'COPY . .', 'RUN mvn -B dependency:go-offline'),
      output: null,
    },
  ],
});
