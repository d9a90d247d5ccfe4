// The keyless pages, files and APIs that show a map, for the tests that check what each reader
// may see there: a new surface goes here once and every such test reads it.

/** A radar window holding the fixtures' contracts (notice dates 2027–2029). */
export const RADAR_WINDOW = 'from=2027-01-01&to=2029-12-31';

/** Every keyless answer showing map `id` itself, or beside `other` (compare, overlay, the catalogue). */
export function mapSurfaces(id: string, other: string): string[] {
	return [
		...['svg', 'owm', 'mmd', 'json', 'csv'].map((f) => `/maps/${id}.${f}`),
		`/api/maps/${id}`,
		`/catalogue/maps/${id}`,
		`/catalogue/maps/${id}/map.svg`,
		`/catalogue/maps/${id}/components.csv`,
		`/api/catalogue/maps/${id}`,
		`/compare?a=${id}&b=${other}`,
		`/api/compare?a=${id}&b=${other}`,
		`/overlay?map=${id}&map=${other}`,
		'/catalogue?perPage=100',
		'/api/catalogue?perPage=100',
		'/api/catalogue.csv'
	];
}

/** The renewal radar as a page, JSON, CSV and calendar, over RADAR_WINDOW. */
export function radarSurfaces(): string[] {
	return [`/catalogue/radar?${RADAR_WINDOW}`, `/api/catalogue/radar?${RADAR_WINDOW}`, `/api/catalogue/radar.csv?${RADAR_WINDOW}`, `/api/catalogue/radar.ics?${RADAR_WINDOW}`];
}
