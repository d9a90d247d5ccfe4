// Contracts across a map: the act-by list, the map's notice badges and the timeline. Pure; map types only.
export * from './act-by.js';
export * from './timeline.js';
