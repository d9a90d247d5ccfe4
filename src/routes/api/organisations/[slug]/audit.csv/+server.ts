// GET /api/organisations/<slug>/audit.csv (admin key or admin token, as Bearer or ?key=) — the
// organisation's audit log: when, who, action, detail; newest first, cells guarded against formulas.
import { auditCsv } from '$lib/server/catalogue/org-audit.js';
import { requireOrgAdmin } from '$lib/server/catalogue/org-tokens.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const { org } = await requireOrgAdmin(params.slug, requestKey(url, request));
	return await auditCsv(org.slug, org.id);
};
