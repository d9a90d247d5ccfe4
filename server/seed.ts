// Demo data on first start: fills an empty catalogue (completed by the catalogue work).
import type { StackmapApp } from './app.js';

/** Seed the fictional demo councils when enabled and the database has no maps. */
export async function seedIfEmpty(app: StackmapApp): Promise<number> {
	if (!app.config.seed) return 0;
	return 0;
}
