// GET /api/catalogue/radar.csv — the renewal radar's contracts, one row each, with their opportunity.
import { radarCsv, radarFor } from '$lib/server/catalogue/radar.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => radarCsv(await radarFor(url), url.origin);
