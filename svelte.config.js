import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			config(cfg) {
				cfg.include.push('../server/**/*.ts', '../tests/**/*.ts', '../bench/**/*.ts', '../vite.config.ts');
				return cfg;
			}
		}
	}
};

export default config;
