// Alpine: apk and its package cache.
import { defineEcosystem } from './types';

export const alpine = defineEcosystem({
  id: 'alpine',
  title: 'Alpine (apk)',
  kind: 'os',
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
});
