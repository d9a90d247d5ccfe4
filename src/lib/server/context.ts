// Server routes reach the running Stackmap server (store, rooms) through here. It is published on
// globalThis by server/index.ts in production and by server/dev-plugin.ts under `vite dev`.
import type { StackmapApp } from '../../../server/app.js';

export function stackmap(): StackmapApp {
	const app = globalThis.__stackmap;
	if (!app) throw new Error('Stackmap server is not running in this process (start it with `npm start` or `npm run dev`).');
	return app;
}
