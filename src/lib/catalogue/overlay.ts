// Overlay many councils' maps by component type: the shared core, coverage and duplication per
// LGAM node, and how far apart councils place each type. Pure; imports map types only.
import type { MapSnapshot } from '../map/types.js';
import { groupByType, type ComparedComponent } from './compare.js';
import { spreadOf, type Spread } from './stats.js';
import type { ComponentType, Vocabulary } from './types.js';
import { layerRank } from './vocabulary.js';

export interface OverlayInput {
	readonly id: string;
	readonly name: string;
	readonly map: MapSnapshot;
}

/** One map's components of one type. */
export interface OverlayPresence {
	readonly mapId: string;
	readonly mapName: string;
	readonly components: readonly ComparedComponent[];
	/** Mean evolution of those components, 0..1. */
	readonly evolution: number;
}

export interface OverlayType {
	readonly typeId: string;
	readonly type: ComponentType | undefined;
	/** The maps that have this type, in input order. */
	readonly presence: readonly OverlayPresence[];
	/** How many maps have it (presence.length). */
	readonly mapCount: number;
	/** Maps with more than one component of this type (candidates for rationalisation). */
	readonly duplicates: readonly OverlayPresence[];
	/** Spread of the maps' evolution for this type (one value per map: its mean). */
	readonly spread: Spread;
}

export interface OverlayNode {
	/** LGAM layer and node; '' and 'Unknown type' for ids the vocabulary does not know. */
	readonly layer: string;
	readonly node: string;
	readonly types: readonly OverlayType[];
}

export interface Overlay {
	readonly maps: readonly { readonly id: string; readonly name: string }[];
	/** Every type on at least one map, in vocabulary order. */
	readonly types: readonly OverlayType[];
	/** Types on every map (empty when there are no maps). */
	readonly sharedCore: readonly OverlayType[];
	/** Types grouped by LGAM node, nodes in LGAM layer order. */
	readonly byNode: readonly OverlayNode[];
	/** Per map, how many components have no type (and so are left out). */
	readonly untyped: readonly { readonly mapId: string; readonly count: number }[];
}

function mean(values: readonly number[]): number {
	return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Overlay maps by component type. Anchors and untyped components are left out (untyped counted).
 * Linear in the total number of components.
 */
export function overlayMaps(maps: readonly OverlayInput[], vocabulary: Vocabulary): Overlay {
	const presence = new Map<string, OverlayPresence[]>();
	const untyped: { mapId: string; count: number }[] = [];
	for (const { id, name, map } of maps) {
		const g = groupByType(map);
		untyped.push({ mapId: id, count: g.untyped.length });
		for (const [typeId, components] of g.byType) {
			const p: OverlayPresence = { mapId: id, mapName: name, components, evolution: mean(components.map((c) => c.evolution)) };
			const list = presence.get(typeId);
			if (list) list.push(p);
			else presence.set(typeId, [p]);
		}
	}
	const rank = new Map(vocabulary.types.map((t, i) => [t.id, i]));
	const types: OverlayType[] = [...presence.entries()]
		.map(([typeId, list]) => ({
			typeId,
			type: vocabulary.byId.get(typeId),
			presence: list,
			mapCount: list.length,
			duplicates: list.filter((p) => p.components.length > 1),
			spread: spreadOf(list.map((p) => p.evolution))
		}))
		.sort((x, y) => (rank.get(x.typeId) ?? Infinity) - (rank.get(y.typeId) ?? Infinity) || (x.typeId < y.typeId ? -1 : 1));
	const nodes = new Map<string, { layer: string; node: string; types: OverlayType[]; first: number }>();
	types.forEach((t, i) => {
		const layer = t.type?.layer ?? '';
		const node = t.type?.node ?? 'Unknown type';
		const key = `${layer}\u0000${node}`;
		const entry = nodes.get(key);
		if (entry) entry.types.push(t);
		else nodes.set(key, { layer, node, types: [t], first: i });
	});
	const byNode = [...nodes.values()]
		.sort((x, y) => (x.layer ? layerRank(x.layer) : Infinity) - (y.layer ? layerRank(y.layer) : Infinity) || x.first - y.first)
		.map(({ layer, node, types }) => ({ layer, node, types }));
	return {
		maps: maps.map(({ id, name }) => ({ id, name })),
		types,
		sharedCore: maps.length === 0 ? [] : types.filter((t) => t.mapCount === maps.length),
		byNode,
		untyped
	};
}
