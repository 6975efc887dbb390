// yum-clean-all: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('yum-clean-all', {
  valid: [
    {
      name: 'yum clean all in the same RUN',
      code: df('FROM centos:7', 'RUN yum install -y httpd && yum clean all'),
    },
    {
      name: 'cache mount',
      code: df('FROM centos:7', 'RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd'),
    },
  ],
  invalid: [
    {
      name: 'no cleanup',
      code: df('FROM centos:7', 'RUN yum install -y httpd'),
      output: df(
        'FROM centos:7',
        'RUN yum install -y httpd \\',
        '    && yum clean all \\',
        '    && rm -rf /var/cache/yum',
      ),
    },
  ],
});
