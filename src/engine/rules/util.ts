// The rules' shared helpers, one module per topic under ./helpers (positions, stages,
// instructions, base images, edits, rule shapes); this file re-exports them so rules import from one place.
// Rules never parse Dockerfile text; the only text work maps the parser's joined shell source back
// to original offsets so that fixes can be expressed as TextEdits (./helpers/edits).
export * from './helpers/positions';
export * from './helpers/stages';
export * from './helpers/instructions';
export * from './helpers/base-images';
export * from './helpers/edits';
export * from './helpers/shapes';
