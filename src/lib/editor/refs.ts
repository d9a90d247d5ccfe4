// Keys of map elements as the editor holds them (selection, focus, drag moves): `collection/id`,
// the same key the renderer gives a scene item.
import { COLLECTIONS, elementRef, type CollectionName, type ElementRef } from '../map/index.js';

const NAMES: ReadonlySet<string> = new Set(COLLECTIONS);

/** True for the name of an element collection (not `meta`, not anything else). */
export function isCollection(name: string | null): name is CollectionName {
	return name !== null && NAMES.has(name);
}

/** `collection/id`: the same key the renderer gives a scene item. */
export function refKey(ref: ElementRef): string {
	return `${ref.collection}/${ref.id}`;
}

export function parseRefKey(key: string): ElementRef | null {
	const i = key.indexOf('/');
	const collection = key.slice(0, i);
	return i >= 0 && isCollection(collection) ? elementRef(collection, key.slice(i + 1)) : null;
}
