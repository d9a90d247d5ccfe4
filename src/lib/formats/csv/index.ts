// CSV for Stackmap: an RFC 4180 parser and writer, and the components register (export, column
// mapping, import). Pure: no DOM, no fs; imports the map's types and the catalogue.
export { parseCsv, detectDelimiter, type CsvParseResult, type CsvParseOptions, type CsvProblem } from './parse.js';
export { toCsv, guardCell, unguardCell, type CsvWriteOptions } from './write.js';
export { CSV_COLUMNS, HEADER_SYNONYMS, type CsvField } from './fields.js';
export { guessCsvMapping, normaliseHeader, type CsvMapping } from './mapping.js';
export { componentsToCsv, componentRows, formatPosition, STAGE_LABELS, LIST_SEPARATOR } from './components-export.js';
export { csvToMap, type CsvImportOptions, type CsvImportResult } from './components-import.js';
export { parsePosition, parseStage, parseLifecycle, parseSourcing, parseKind, stageRange } from './cells.js';
export { contractHeaders, contractColumns, rowContracts, isContractHeader, CONTRACT_COLUMNS } from './contracts.js';
