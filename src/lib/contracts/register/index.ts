// Importing contract registers (Transparency Code CSV, OCDS JSON) into a map: readers, matcher and
// the plan the model writes. Pure: imports map types, the CSV parser and the catalogue vocabulary.
export * from './types.js';
export * from './fields.js';
export { readDate, type DateRead } from './dates.js';
export { readRegisterCsv, readMoney, type RegisterCsv } from './read-csv.js';
export { readOcds, type OcdsRead } from './read-ocds.js';
export * from './match.js';
export * from './plan.js';
export * from './read.js';
