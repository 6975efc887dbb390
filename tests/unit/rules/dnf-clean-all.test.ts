// dnf-clean-all: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('dnf-clean-all', {
  valid: [{ name: 'dnf clean all', code: df('FROM fedora:40', 'RUN dnf install -y nginx && dnf clean all') }],
  invalid: [
    {
      name: 'dnf without cleanup',
      code: df('FROM fedora:40', 'RUN dnf install -y nginx'),
      output: df('FROM fedora:40', 'RUN dnf install -y nginx \\', '    && dnf clean all'),
    },
    {
      name: 'microdnf without cleanup',
      code: df('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'RUN microdnf install -y nginx'),
      output: df(
        'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4',
        'RUN microdnf install -y nginx \\',
        '    && microdnf clean all',
      ),
    },
  ],
});
