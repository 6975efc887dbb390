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
      name: 'a build after COPY . . is fine',
      code: df('FROM golang:1.23', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'),
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
      name: 'maven: reported, not fixed',
      code: df('FROM maven:3.9-eclipse-temurin-21', 'COPY . .', 'RUN mvn -B dependency:go-offline'),
      output: null,
    },
  ],
});
