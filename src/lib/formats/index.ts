// Import and export of whole maps: read any supported text into a map, write a map to a text
// format, file names and content types. Pure (no DOM, no fs); PNG is in src/lib/server/png.ts.
export * from './file-formats.js';
export { safeFileName, contentDisposition } from './filename.js';
export { MAX_DIAGNOSTICS, readMapText, summarise, type ReadOptions, type ReadResult, type ReadSummary, type CsvTable } from './read.js';
export { writeMapText, type TextFormat, type WriteOptions } from './write.js';
export { parseMapJson } from './json/parse.js';
export { CSV_FIELDS, CSV_FIELD_LABELS, isCsvField, columnIndex, applyColumnChoices } from './csv/columns.js';
export { withStableIds } from './stable-ids.js';
