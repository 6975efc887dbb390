// consistent-instruction-casing: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('consistent-instruction-casing', {
  valid: [{ name: 'all lower case', code: df('from alpine:3.20', 'run echo') }],
  invalid: [
    {
      name: 'one upper-case in a lower-case file',
      code: df('from alpine:3.20', 'run echo', 'CMD ["sh"]'),
      output: df('from alpine:3.20', 'run echo', 'cmd ["sh"]'),
    },
  ],
});
