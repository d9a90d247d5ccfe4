// Vite plugin: in `vite dev` the same collaboration server answers websocket upgrades on the
// dev server's port, and SvelteKit's server routes find it on globalThis.
import type { Plugin } from 'vite';
import { createStackmap, publish, type StackmapApp } from './app.js';
import { seedIfEmpty } from './seed.js';

export function stackmapDev(): Plugin {
	let app: StackmapApp | undefined;
	return {
		name: 'stackmap-collab',
		apply: 'serve',
		configureServer(server) {
			if (process.env.VITEST) return;
			const opened = createStackmap().then(async (created) => {
				app = created;
				publish(created);
				await seedIfEmpty(created);
			});
			opened.catch((err) => console.error('[stackmap] start failed', err));
			server.httpServer?.on('upgrade', (req, socket, head) => {
				// Upgrades that arrive while the stores open wait for them.
				void opened.then(() => app?.handleUpgrade(req, socket, head));
			});
			server.httpServer?.on('close', () => void app?.close());
		}
	};
}
