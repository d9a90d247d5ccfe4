import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The pages' Content-Security-Policy (docs/security.md). SvelteKit adds a nonce (or, for
 * prerendered pages, a hash) for its own inline start-up script, so no other inline script runs.
 * Styles keep 'unsafe-inline': Svelte and D3 set style attributes (and with it SvelteKit adds no
 * style nonce, which would switch 'unsafe-inline' off). 'self' in connect-src covers the same
 * host's ws:/wss: collaboration socket.
 */
const csp = {
	mode: /** @type {const} */ ('auto'),
	directives: {
		'default-src': ['self'],
		'script-src': ['self'],
		'style-src': ['self', 'unsafe-inline'],
		'img-src': ['self', 'data:', 'blob:'],
		'font-src': ['self'],
		'connect-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['self'],
		'form-action': ['self'],
		'frame-ancestors': ['none']
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csp,
		typescript: {
			config(cfg) {
				cfg.include.push('../server/**/*.ts', '../tests/**/*.ts', '../bench/**/*.ts', '../vite.config.ts');
				return cfg;
			}
		}
	}
};

export default config;
