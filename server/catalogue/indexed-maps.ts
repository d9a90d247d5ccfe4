// Published maps rebuilt from the index rows (components only, as published): enough for
// overlaying hundreds of maps by type without loading each document.
import type { Sql } from '../db/sql.js';
import type { ComponentId, Lifecycle, MapSnapshot } from '../../src/lib/map/index.js';
import { buildSnapshot, decoratorsFor, makeComponent, type Sourcing } from '../../src/lib/catalogue/index.js';
import { COMPONENT_COLUMNS, PUBLISHED_COMPONENTS, type IndexedComponentRow } from './schema.js';

/** Snapshots (components only) of indexed maps by row id; rows of maps no longer published are left out. */
export async function indexedSnapshots(sql: Sql, rids: readonly number[]): Promise<Map<number, MapSnapshot>> {
	const out = new Map<number, MapSnapshot>();
	if (rids.length === 0) return out;
	const rows = await sql.all<IndexedComponentRow>(
		`SELECT ${COMPONENT_COLUMNS} ${PUBLISHED_COMPONENTS}
		 WHERE c.rid IN (${rids.map(() => '?').join(',')})
		 ORDER BY c.rid, c.ord`,
		rids
	);
	const groups = new Map<number, IndexedComponentRow[]>();
	for (const r of rows) {
		const list = groups.get(r.rid);
		if (list) list.push(r);
		else groups.set(r.rid, [r]);
	}
	for (const [rid, list] of groups) {
		const components = list.map((r) =>
			makeComponent(
				{
					id: `c${r.ord}` as ComponentId,
					name: r.name,
					evolution: r.evolution,
					visibility: r.visibility,
					componentType: r.type_id,
					product: r.product,
					supplier: r.supplier,
					lifecycle: r.lifecycle as Lifecycle,
					decorators: decoratorsFor(r.sourcing as Sourcing)
				},
				r.ord + 1
			)
		);
		out.set(rid, buildSnapshot({ title: list[0].title }, { components }));
	}
	return out;
}
