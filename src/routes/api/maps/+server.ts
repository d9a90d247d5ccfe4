// POST /api/maps — create a map; answers its id and links (see docs/api.md).
import { error, json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { claimNewMap } from '$lib/server/auth/session.js';
import { mapLinks } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, url }) => {
	let title: string | undefined;
	const text = await request.text();
	if (text.trim()) {
		let body: unknown;
		try {
			body = JSON.parse(text);
		} catch {
			error(400, 'Body must be JSON, e.g. {"title": "Our stack"}');
		}
		const t = (body as { title?: unknown } | null)?.title;
		if (t !== undefined && (typeof t !== 'string' || t.length > 500)) error(400, 'title must be text of at most 500 characters');
		title = t as string | undefined;
	}
	const created = await stackmap().createMap({ title: title?.trim() || 'Untitled map' });
	await claimNewMap(created.id);
	return json({ id: created.id, ...mapLinks(url.origin, created.id, created.keys) }, { status: 201 });
};
