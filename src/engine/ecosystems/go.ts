// Go: modules, the build cache and static binaries.
import { defineEcosystem } from './types';

export const go = defineEcosystem({
  id: 'go',
  title: 'Go (go modules)',
  kind: 'language',
  managers: ['go'],
  buildTools: ['go'],
  manifests: ['go.mod'],
  lockfiles: ['go.sum'],
  copyFirst: { go: ['go.mod', 'go.sum*'] },
  caches: [
    {
      // The module cache under /go/pkg/mod is reported under the name 'go' as well.
      cache: 'go',
      paths: /\/\.cache\/go-build(\/|$)|^\/go\/pkg\/mod(\/|$)|\/go\/pkg\/mod(\/|$)/,
      kinds: ['go-build-cache'],
      what: 'the Go build cache',
    },
    { cache: 'go-mod', paths: null, kinds: ['go-mod-cache'], what: 'the Go module cache' },
  ],
  cacheMounts: {
    go: { target: '/go/pkg/mod', also: ['/root/go/pkg/mod', '/root/.cache/go-build'], hadolint: 'DL3070' },
    'go-build': {
      target: '/root/.cache/go-build',
      also: ['/go/pkg/mod', '/root/.cache'],
      hadolint: 'DL3070',
    },
  },
  outputs: ['bin'],
  dockerignore: ['# Build output', 'bin', '*.exe', '*.test', '*.out'],
  runtimeImages: ['gcr.io/distroless/static-debian12', 'scratch', 'alpine'],
  signs: { programs: ['go'], images: /(^|[/ ])golang[:@ ]|(^|[/ ])golang$/ },
});
