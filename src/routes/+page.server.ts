// Home page: create or import a map (both work without JavaScript) and go to it with the facilitator link.
import { fail, redirect } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { claimNewMap } from '$lib/server/auth/session.js';
import { importFormAction } from '$lib/server/import-form.js';
import type { Actions } from './$types';

export const actions: Actions = {
	create: async ({ request }) => {
		const title = String((await request.formData()).get('title') ?? '').trim();
		if (title.length > 500) return fail(400, { error: 'The title can be at most 500 characters.' });
		const { id, keys } = await stackmap().createMap({ title: title || 'Untitled map' });
		await claimNewMap(id);
		// The other links travel in the fragment (never sent to a server) so the page can show them.
		redirect(303, `/maps/${id}?key=${keys.facilitator}#share=${keys.participant}.${keys.viewer}`);
	},
	import: ({ request }) => importFormAction(request)
};
