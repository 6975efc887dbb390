// Debian and Ubuntu: apt-get / apt and the .deb packages of the base image.
import { defineEcosystem } from './types';

export const debian = defineEcosystem({
  id: 'debian',
  title: 'Debian / Ubuntu (apt)',
  kind: 'os',
  managers: ['apt'],
  buildTools: [],
  manifests: [],
  lockfiles: [],
  copyFirst: {},
  caches: [
    {
      cache: 'apt-lists',
      paths: /^\/var\/lib\/apt\/lists(\/|$)/,
      kinds: ['apt-lists'],
      what: 'the apt package lists',
    },
    {
      cache: 'apt-archives',
      paths: /^\/var\/cache\/apt(\/|$)/,
      kinds: ['apt-archives'],
      what: 'the .deb archives',
    },
    { cache: 'apt', paths: null, kinds: ['apt-archives'], what: 'the .deb archives' },
  ],
  cacheMounts: {},
  outputs: [],
  dockerignore: [],
  runtimeImages: ['debian:bookworm-slim', 'gcr.io/distroless/base-debian12'],
});
