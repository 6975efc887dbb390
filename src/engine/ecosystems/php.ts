// PHP: composer, vendor/ and composer's download cache.
import { defineEcosystem } from './types';

export const php = defineEcosystem({
  id: 'php',
  title: 'PHP (composer)',
  kind: 'language',
  managers: ['composer'],
  buildTools: [],
  manifests: ['composer.json'],
  lockfiles: ['composer.lock'],
  copyFirst: { composer: ['composer.json', 'composer.lock*'] },
  caches: [
    {
      cache: 'composer',
      paths: /\/\.composer\/cache(\/|$)|\/\.cache\/composer(\/|$)/,
      kinds: ['composer-cache'],
      what: "composer's cache",
    },
  ],
  cacheMounts: {
    composer: {
      target: '/root/.composer/cache',
      also: ['/tmp/cache', '/root/.cache/composer'],
      hadolint: 'DL3073',
    },
  },
  outputs: ['vendor'],
  dockerignore: [
    '# Dependencies (installed by composer inside the image)',
    'vendor',
    '**/node_modules',
    '.phpunit.result.cache',
  ],
  runtimeImages: ['php:fpm-alpine', 'php:apache'],
  signs: { programs: ['composer', 'php', 'docker-php-ext-install'], images: /(^|[/ ])php[:@ ]|composer/ },
});
