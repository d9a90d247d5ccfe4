// The map model: the only door to a map's Yjs document. Read with readSnapshot, write with commands.
export * from './types.js';
export * from './commands.js';
export { readSnapshot, readMeta } from './read.js';
export { readBack } from './read-back.js';
export { validateSnapshot, type SnapshotProblem } from './validate.js';
export { migrate, storedVersion } from './migrate.js';
export { COLLECTIONS } from './schema.js';
export { SCHEMA_VERSION } from './version.js';
export { newId, isId, isMapId } from './ids.js';
export * from './stages.js';
export { UNDO_LIMIT, createUndoManager, type UndoManager } from './undo.js';
export * from './workshop.js';
export * from './limits.js';
export { chainOf, type Chain } from './chain.js';
export { addContract, updateContract, removeContract, importContracts, type ContractInput, type ContractImport, type ContractImportResult, type ImportTarget } from './contract-commands.js';
export * from './contracts.js';
