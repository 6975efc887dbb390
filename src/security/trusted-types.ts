// Trusted Types (docs/SECURITY.md): the pages' policy says `require-trusted-types-for 'script'`, so a
// plain string can no longer reach an HTML or script sink. Svelte and Monaco wrap their own HTML in
// their own named policies. This module adds the 'default' policy, which the browser asks about every
// plain string given to a script-URL sink: in this app those are the workers (`new Worker(url)`:
// analysis, secrets, Monaco's editor worker) and the service worker's registration. It lets
// same-origin URLs through and refuses any other; it defines no HTML or script conversion, so a
// string put into innerHTML or eval is refused. Imported first by both pages' entries.

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL?: (input: string) => string | null }): unknown;
}

/** The URL when it points into this site, else null (refused). */
export function sameOriginScriptURL(input: string, base: string): string | null {
  try {
    return new URL(input, base).origin === new URL(base).origin ? input : null;
  } catch {
    return null;
  }
}

const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
if (factory && typeof location !== 'undefined') {
  try {
    factory.createPolicy('default', {
      createScriptURL: (input) => sameOriginScriptURL(input, location.href),
    });
  } catch {
    // Already created (a second entry on the same page) or not allowed by the policy: nothing to do.
  }
}
