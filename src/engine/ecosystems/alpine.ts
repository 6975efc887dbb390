// Alpine: apk and its package cache.
import type { Ecosystem } from './types';

export const alpine: Ecosystem = {
  id: 'alpine',
  title: 'Alpine (apk)',
  managers: ['apk'],
  buildTools: [],
  manifests: [],
  lockfiles: [],
  copyFirst: {},
  caches: [{ cache: 'apk', paths: /^\/var\/cache\/apk(\/|$)/, kinds: ['apk-cache'], what: "apk's cache" }],
  cacheMounts: {},
  outputs: [],
  dockerignore: [],
  runtimeImages: ['alpine'],
};
