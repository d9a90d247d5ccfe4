// The shared component vocabulary as typed data, with lookups by id and by LGAM layer.
// Pure: the data is a generated module (vocabulary-data.ts), so no fs is needed anywhere.
import { COMPONENT_TYPES } from './vocabulary-data.js';
import type { ComponentType, Vocabulary } from './types.js';

export type { ComponentType, Vocabulary } from './types.js';

/** The nine LGAM layers, in the order LGAM publishes them (channels first, technology last). */
export const LGAM_LAYERS: readonly string[] = Object.freeze([
	'Public Channels',
	'Council Interfaces',
	'Capabilities',
	'Business Areas',
	'Corporate Areas',
	'Foundational Technology',
	'Integration',
	'Security',
	'Data and Information'
]);

/** Build a vocabulary (types plus an id index) from a list of types; later duplicates of an id are ignored. */
export function createVocabulary(types: readonly ComponentType[]): Vocabulary {
	const byId = new Map<string, ComponentType>();
	for (const t of types) if (!byId.has(t.id)) byId.set(t.id, t);
	return Object.freeze({ types: Object.freeze([...byId.values()]), byId });
}

/** The shared vocabulary of 103 council component types (from component_vocabulary.csv). */
export const VOCABULARY: Vocabulary = createVocabulary(COMPONENT_TYPES);

/** The type with this id, or undefined (for '' and for ids the vocabulary does not know). */
export function typeById(vocabulary: Vocabulary, id: string): ComponentType | undefined {
	return vocabulary.byId.get(id);
}

export interface LayerGroup {
	readonly layer: string;
	readonly nodes: readonly { readonly node: string; readonly types: readonly ComponentType[] }[];
}

/** Index of a layer in LGAM order; unknown layers sort after the nine, alphabetically. */
export function layerRank(layer: string): number {
	const i = LGAM_LAYERS.indexOf(layer);
	return i < 0 ? LGAM_LAYERS.length : i;
}

/** Types grouped by LGAM layer (in LGAM order) and node (in vocabulary order), for a palette. */
export function typesByLayer(vocabulary: Vocabulary): LayerGroup[] {
	const layers = new Map<string, Map<string, ComponentType[]>>();
	for (const t of vocabulary.types) {
		let nodes = layers.get(t.layer);
		if (!nodes) layers.set(t.layer, (nodes = new Map()));
		const list = nodes.get(t.node);
		if (list) list.push(t);
		else nodes.set(t.node, [t]);
	}
	return [...layers.entries()]
		.sort(([a], [b]) => layerRank(a) - layerRank(b) || a.localeCompare(b))
		.map(([layer, nodes]) => ({ layer, nodes: [...nodes.entries()].map(([node, types]) => ({ node, types })) }));
}

/**
 * A type's name for use inside a sentence: parentheticals dropped, '&' spelled 'and', the first
 * word lower-cased unless it is an acronym or starts a proper name ('Blue Badge'). 'Revenues & benefits (council tax, …)' → 'revenues and benefits'.
 */
export function typePhrase(type: ComponentType): string {
	const plain = type.name
		.replace(/\s*\([^)]*\)/g, '')
		.replace(/\s*&\s*/g, ' and ')
		.replace(/\s+/g, ' ')
		.trim();
	const [first = '', ...rest] = plain.split(' ');
	const acronym = /[A-Z].*[A-Z]/.test(first) || /\d/.test(first);
	// 'Blue Badge applications', 'Tell Us Once': a proper name keeps its capital.
	const properName = /^[A-Z][a-z]/.test(rest[0] ?? '');
	return [acronym || properName ? first : first.toLowerCase(), ...rest].join(' ');
}
