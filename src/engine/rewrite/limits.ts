// The bounds of one rewrite: how much re-analysis it may spend, whatever the input.

/** Passes of re-analysis; real files settle in two or three. */
export const MAX_PASSES = 5;
/** Steps applied in one rewrite. */
export const MAX_STEPS = 60;
/** Parse + estimate runs spent measuring steps (kept or dropped). */
export const MAX_ESTIMATES = 24;
/**
 * Work budget of one rewrite, in characters parsed (a parse + estimate of the text costs its
 * length, a re-run of the rules twice that). Deterministic, so the result does not depend on the
 * machine: a 4 KB file affords about twenty-five checks, a 60 KB one two. When it is spent, no new pass
 * starts and the rest of the current pass is checked as one batch.
 */
export const WORK_BUDGET_CHARS = 120_000;
/** Inputs longer than this (characters) get no steps: the work would not stay interactive. */
export const MAX_REWRITE_CHARS = 128 * 1024;
