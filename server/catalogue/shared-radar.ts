// The renewal radar's rows of one map shared with the reader's organisation, read from the map as
// shared with them (its 'shared' contract groups in), for members' radar answers. Pure.
import type { MapSnapshot } from '../../src/lib/map/index.js';
import type { RadarFilter, RadarRow } from '../../src/lib/catalogue/radar.js';
import { orgSummary } from '../../src/lib/catalogue/results.js';
import type { Vocabulary } from '../../src/lib/catalogue/index.js';
import type { Organisation } from './organisations.js';
import { indexRows } from './rows.js';

/**
 * Every contract of `map` (already redacted as its reader may see it) matching `filter`, as radar
 * rows; the radar's window, undated and ended contracts are left to renewalRadar.
 */
export function sharedRadarRows(map: MapSnapshot, mapId: string, org: Organisation | undefined, fictional: boolean, filter: RadarFilter, vocabulary: Vocabulary): RadarRow[] {
	if (filter.orgType && org?.type !== filter.orgType) return [];
	if (filter.region && org?.region !== filter.region) return [];
	const rows = indexRows(map, vocabulary);
	return rows.contracts.flatMap((k) => {
		const c = rows.components[k.ord];
		const suppliers = rows.suppliers.filter((s) => s.ord === k.ord).map((s) => s.slug);
		if (filter.type && c.typeId !== filter.type) return [];
		if (filter.product && c.productSlug !== filter.product) return [];
		if (filter.supplier && !suppliers.includes(filter.supplier)) return [];
		return [
			{
				mapId,
				key: `${k.ord}-${k.id}`,
				mapTitle: map.title,
				organisation: orgSummary(org),
				fictional: fictional || (org?.fictional ?? false),
				typeId: c.typeId,
				component: c.name,
				product: c.product,
				supplier: c.supplier,
				evolution: c.evolution,
				reference: k.reference,
				start: k.start,
				end: k.end,
				noticeMonths: k.noticeMonths,
				route: k.route
			}
		];
	});
}
