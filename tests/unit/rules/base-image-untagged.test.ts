// base-image-untagged: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('base-image-untagged', {
  valid: [
    { name: 'a tag', code: df('FROM ubuntu:24.04') },
    { name: 'a digest', code: df('FROM ubuntu@sha256:' + 'b'.repeat(64)) },
    { name: 'a stage name', code: df('FROM ubuntu:24.04 AS base', 'FROM base') },
    { name: 'an unresolved variable', code: df('ARG BASE', 'FROM ${BASE}') },
    { name: 'a registry with a port and a tag', code: df('FROM localhost:5000/app:1.2') },
  ],
  invalid: [
    { name: 'untagged', code: df('FROM ubuntu'), output: null },
    { name: 'untagged with a registry port', code: df('FROM localhost:5000/app') },
  ],
});
