// The map model: the only door to a map's Yjs document. Read with readSnapshot, write with commands.
export * from './types.js';
export * from './commands.js';
export { readSnapshot, readMeta } from './read.js';
export { migrate, storedVersion } from './migrate.js';
export { COLLECTIONS, type CollectionName } from './schema.js';
export { SCHEMA_VERSION } from './version.js';
export { newId, isId, isMapId } from './ids.js';
export * from './stages.js';
export { UNDO_LIMIT, createUndoManager, type UndoManager } from './undo.js';
export * from './workshop.js';
