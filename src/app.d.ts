// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The signed-in user (src/lib/server/auth/session.ts); null when signed out or sign-in is off. */
			user: import('../server/api.js').User | null;
		}
	}
}

export {};
