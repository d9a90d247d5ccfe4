// The map as table rows (the non-visual route to the whole map) and the edits a table cell makes:
// the dependency cell is a list of names, turned into link additions and removals.
import type { ComponentId, EndpointId, LinkId, MapSnapshot } from '../map/index.js';
import { isoToday, nextDates, stageOf } from '../map/index.js';

export interface TableRow {
	readonly id: ComponentId;
	readonly name: string;
	readonly kind: string;
	readonly componentType: string;
	readonly product: string;
	readonly supplier: string;
	readonly evolution: number;
	readonly visibility: number;
	readonly stage: string;
	/** Names of what this component needs, in link order. */
	readonly dependsOn: readonly string[];
	/** The next notice date and end date among its contracts (yyyy-mm-dd, '' for none still to come). */
	readonly nextNotice: string;
	readonly nextEnd: string;
}

/** The table's rows; `today` (yyyy-mm-dd) decides which contract dates are still to come. */
export function tableRows(map: MapSnapshot, today: string = isoToday()): TableRow[] {
	const names = new Map<string, string>();
	for (const c of map.components) names.set(c.id, c.name);
	for (const e of map.evolves) names.set(e.id, e.name || `${names.get(e.componentId) ?? ''} (evolved)`);
	return [...map.components]
		.sort((a, b) => Number(b.kind === 'anchor') - Number(a.kind === 'anchor') || b.visibility - a.visibility || a.evolution - b.evolution)
		.map((c) => {
			const next = nextDates(c, today);
			return {
				id: c.id,
				name: c.name,
				kind: c.kind,
				componentType: c.componentType,
				product: c.product,
				supplier: c.supplier,
				evolution: c.evolution,
				visibility: c.visibility,
				stage: stageOf(c.evolution),
				dependsOn: map.links.filter((l) => l.from === c.id).map((l) => names.get(l.to) ?? ''),
				nextNotice: next.notice,
				nextEnd: next.end
			};
		});
}

export interface DependencyEdit {
	readonly add: EndpointId[];
	readonly remove: LinkId[];
	/** Names that match no component (reported to the user, nothing is created). */
	readonly unknown: string[];
}

/** What to change so that `id` depends on exactly the comma- or semicolon-separated `text`. */
export function dependencyEdit(map: MapSnapshot, id: string, text: string): DependencyEdit {
	const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
	const wanted = text.split(/[,;\n]/).map(norm).filter(Boolean);
	const byName = new Map<string, EndpointId>();
	for (const c of map.components) if (c.id !== id && !byName.has(norm(c.name))) byName.set(norm(c.name), c.id);
	const current = map.links.filter((l) => l.from === id);
	const targets = new Set<EndpointId>();
	const unknown: string[] = [];
	for (const w of wanted) {
		const target = byName.get(w);
		if (target) targets.add(target);
		else unknown.push(w);
	}
	return {
		add: [...targets].filter((t) => !current.some((l) => l.to === t)),
		remove: current.filter((l) => !targets.has(l.to) && map.components.some((c) => c.id === l.to)).map((l) => l.id),
		unknown
	};
}
