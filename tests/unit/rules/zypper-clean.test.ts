// zypper-clean: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('zypper-clean', {
  valid: [
    {
      name: 'zypper clean',
      code: df('FROM opensuse/leap:15.6', 'RUN zypper install -y curl && zypper clean --all'),
    },
  ],
  invalid: [
    {
      name: 'zypper without cleanup',
      code: df('FROM opensuse/leap:15.6', 'RUN zypper install -y curl'),
      output: df('FROM opensuse/leap:15.6', 'RUN zypper install -y curl \\', '    && zypper clean --all'),
    },
  ],
});
