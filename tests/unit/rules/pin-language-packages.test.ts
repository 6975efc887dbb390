// pin-language-packages: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('pin-language-packages', {
  valid: [
    {
      name: 'pip from requirements',
      code: df('FROM python:3.12-slim', 'RUN pip install -r requirements.txt'),
    },
    { name: 'pip pinned', code: df('FROM python:3.12-slim', 'RUN pip install flask==3.0.3') },
    { name: 'pip install .', code: df('FROM python:3.12-slim', 'RUN pip install .') },
    { name: 'npm ci', code: df('FROM node:22-slim', 'RUN npm ci') },
    { name: 'npm pinned', code: df('FROM node:22-slim', 'RUN npm install -g pm2@5.4.2') },
  ],
  invalid: [
    { name: 'pip unpinned', code: df('FROM python:3.12-slim', 'RUN pip install flask') },
    { name: 'npm -g unpinned', code: df('FROM node:22-slim', 'RUN npm install -g pm2') },
    { name: 'gem unpinned', code: df('FROM ruby:3.3-slim', 'RUN gem install bundler') },
  ],
});
