// RPM distributions: dnf, yum, microdnf (Fedora, RHEL, UBI, Rocky, Amazon Linux) and zypper (SUSE).
import { defineEcosystem } from './types';

export const rpm = defineEcosystem({
  id: 'rpm',
  title: 'RPM distributions (dnf, yum, microdnf, zypper)',
  kind: 'os',
  managers: ['dnf', 'yum', 'microdnf', 'zypper'],
  buildTools: [],
  manifests: [],
  lockfiles: [],
  copyFirst: {},
  caches: [
    { cache: 'dnf', paths: /^\/var\/cache\/dnf(\/|$)/, kinds: ['rpm-cache'], what: "dnf's cache" },
    { cache: 'yum', paths: /^\/var\/cache\/yum(\/|$)/, kinds: ['rpm-cache'], what: "yum's cache" },
    { cache: 'zypper', paths: /^\/var\/cache\/zypp(\/|$)/, kinds: ['rpm-cache'], what: "zypper's cache" },
    { cache: 'microdnf', paths: null, kinds: ['rpm-cache'], what: "microdnf's cache" },
  ],
  cacheMounts: {},
  outputs: [],
  dockerignore: [],
  runtimeImages: ['registry.access.redhat.com/ubi9/ubi-minimal'],
});
