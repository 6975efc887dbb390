// Types for spdx-expression-parse (the package ships none): it throws on anything that is not a
// valid SPDX license expression.
declare module 'spdx-expression-parse' {
  export default function parse(expression: string): unknown;
}
