// References to map elements as the editor holds them (selection, focus, hover), and their keys.
import type { CollectionName } from '../map/index.js';

export interface Ref {
	readonly collection: CollectionName;
	readonly id: string;
}

/** `collection/id`: the same key the renderer gives a scene item. */
export function refKey(ref: Ref): string {
	return `${ref.collection}/${ref.id}`;
}

export function parseRefKey(key: string): Ref | null {
	const i = key.indexOf('/');
	if (i < 0) return null;
	return { collection: key.slice(0, i) as CollectionName, id: key.slice(i + 1) };
}

/** The element a DOM node draws, from the `data-collection`/`data-id` the renderer puts on it. */
export function refOfElement(target: EventTarget | null): Ref | null {
	let el = target instanceof Element ? target.closest('[data-collection][data-id]') : null;
	while (el) {
		const collection = el.getAttribute('data-collection');
		const id = el.getAttribute('data-id');
		if (collection && id && collection !== 'meta') return { collection: collection as CollectionName, id };
		el = el.parentElement?.closest('[data-collection][data-id]') ?? null;
	}
	return null;
}
