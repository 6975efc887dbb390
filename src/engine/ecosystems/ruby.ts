// Ruby: bundler and gem, the installed gems and their .gem cache.
import { defineEcosystem } from './types';

const GEM_CACHE = {
  target: '/usr/local/bundle/cache',
  also: ['/usr/local/bundle', '/root/.bundle'],
  hadolint: 'DL3077',
};

export const ruby = defineEcosystem({
  id: 'ruby',
  title: 'Ruby (bundler, gem)',
  kind: 'language',
  managers: ['bundler', 'gem'],
  buildTools: [],
  manifests: ['Gemfile'],
  lockfiles: ['Gemfile.lock'],
  copyFirst: { bundler: ['Gemfile', 'Gemfile.lock*'] },
  caches: [
    {
      cache: 'gem',
      paths:
        /^\/usr\/local\/bundle\/cache(\/|$)|\/\.gem\/.*\/cache(\/|$)|\/gems\/[^/]+\/cache(\/|$)|\/\.bundle\/cache(\/|$)/,
      kinds: ['gem-cache'],
      what: 'the .gem cache',
    },
  ],
  cacheMounts: {
    bundler: GEM_CACHE,
    gem: { ...GEM_CACHE, also: ['/root/.gem', '/usr/local/bundle'] },
  },
  outputs: ['vendor/bundle'],
  dockerignore: ['# Dependencies and caches', 'vendor/bundle', '.bundle', 'log', 'tmp', '**/node_modules'],
  runtimeImages: ['ruby:slim'],
  signs: { programs: ['bundle', 'gem', 'rails'], images: /(^|[/ ])ruby[:@ ]/ },
});
