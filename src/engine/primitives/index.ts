// Model queries and primitives shared by parse, size, rules, rewrite, the CLI and the page: one
// copy of each (issue 17 item 3). The image-reference parser is `parse/images.ts`.
export * from './bytes';
export * from './commands';
export * from './edits';
export * from './keywords';
export * from './lines';
export * from './paths';
export * from './stages';
