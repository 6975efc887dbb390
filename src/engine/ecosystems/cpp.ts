// C and C++: make, cmake, ninja and the compilers; no package manager of their own.
import { defineEcosystem } from './types';

export const cpp = defineEcosystem({
  id: 'cpp',
  title: 'C / C++ (make, cmake, ninja)',
  kind: 'language',
  managers: [],
  buildTools: ['make', 'cmake', 'gcc', 'ninja'],
  manifests: ['CMakeLists.txt', 'Makefile', 'meson.build'],
  lockfiles: [],
  copyFirst: {},
  caches: [],
  cacheMounts: {},
  outputs: ['build'],
  dockerignore: ['# Build output', 'build', 'cmake-build-*', '*.o', '*.a', '*.so'],
  runtimeImages: ['gcr.io/distroless/cc-debian12', 'debian:bookworm-slim'],
  signs: {
    programs: ['cmake', 'make', 'gcc', 'g++', 'clang', 'ninja'],
    images: /(^|[/ ])gcc[:@ ]/,
    onlyAlone: true,
  },
});
