// SvelteKit's one door to the running Stackmap server (store, rooms, catalogue, workshops): every
// server route and helper takes what it needs of server/ from here, and this from server/api.ts.
// The app itself is published on globalThis by server/index.ts, or by server/dev-plugin.ts under `vite dev`.
export * from '../../../server/api.js';
