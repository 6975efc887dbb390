// Bumped by hand: ENGINE_VERSION with any engine change people could notice; RULES_VERSION when
// rules are added, removed or change what they report (old permalinks say "rules changed").
export const ENGINE_VERSION = '0.2.0';
export const RULES_VERSION = '2';
