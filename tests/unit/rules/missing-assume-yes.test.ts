// missing-assume-yes: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('missing-assume-yes', {
  valid: [
    { name: 'apt-get -y', code: df('FROM debian:12-slim', 'RUN apt-get install -y curl') },
    { name: 'apt-get --yes', code: df('FROM debian:12-slim', 'RUN apt-get --yes install curl') },
    { name: 'apt-get -qq implies -y', code: df('FROM debian:12-slim', 'RUN apt-get -qq install curl') },
    { name: 'microdnf -y', code: df('FROM fedora:40', 'RUN microdnf install -y nginx') },
    { name: 'apk never asks', code: df('FROM alpine:3.20', 'RUN apk add curl') },
  ],
  invalid: [
    {
      name: 'dnf install',
      code: df('FROM fedora:40', 'RUN dnf install nginx'),
      output: df('FROM fedora:40', 'RUN dnf install -y nginx'),
    },
    {
      name: 'microdnf install (3.9 and later ask too)',
      code: df('FROM fedora:40', 'RUN microdnf install nginx'),
      output: df('FROM fedora:40', 'RUN microdnf install -y nginx'),
    },
    {
      name: 'yum install',
      code: df('FROM centos:7', 'RUN yum install httpd'),
      output: df('FROM centos:7', 'RUN yum install -y httpd'),
    },
  ],
});
