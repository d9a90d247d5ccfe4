// The OWM text format: parse (text → MapSnapshot + line-numbered diagnostics),
// print (MapSnapshot → text), reconcile (make a Y.Doc match parsed text with minimal commands).
export type { Diagnostic, ParseResult } from './diagnostics.js';
export { parseOwm } from './parse.js';
export { printOwm, type PrintOptions } from './print.js';
export { reconcile } from './reconcile.js';
export { detectFormat, type MapFormat } from './detect.js';
export { normalizeName } from './text.js';
export { needsQuotes } from './names.js';
