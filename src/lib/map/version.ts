// The schema version of map documents, free of Yjs so pure code (parsers, seeds) can use it.
export const SCHEMA_VERSION = 1;
