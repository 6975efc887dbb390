// Peer cases where a rule of ours deliberately differs from the peer (stricter or kinder). Each
// entry names the case file and the reason; the rule's docs (whenNotToUse) say the same in words.
// The conformance test counts these as documented, not as failures.
export interface DocumentedDifference {
  file: string;
  rule: string;
  reason: string;
}

export const DOCUMENTED_DIFFERENCES: readonly DocumentedDifference[] = [];
