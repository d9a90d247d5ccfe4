// A new map's first document as bytes, checked against the map size limits: what createMap
// stores. Built where the map was read (a worker thread for imports), so the main thread only stores it.
import * as Y from 'yjs';
import { initMap } from '../../src/lib/map/index.js';
import { MapTooBigError, NEW_TOO_BIG, type MapLimits } from '../collab/size.js';

/** A new map ready to store: its document as one update. */
export interface PreparedMap {
	readonly title: string;
	/** `Y.encodeStateAsUpdate` of the whole document. */
	readonly update: Uint8Array;
	readonly components: number;
}

/**
 * Stamp `doc` as a map (schema version, title) and encode it. Throws MapTooBigError when it is
 * over `limits`: an import or a copy over them would be a map nobody could add to.
 */
export function prepareMap(doc: Y.Doc, limits: MapLimits, title?: string): PreparedMap {
	initMap(doc, title !== undefined ? { title } : {});
	const components = doc.getMap('components').size;
	if (components > limits.maxComponents) throw new MapTooBigError(NEW_TOO_BIG.components(components, limits.maxComponents));
	const update = Y.encodeStateAsUpdate(doc);
	if (update.byteLength > limits.maxDocBytes) throw new MapTooBigError(NEW_TOO_BIG.bytes(update.byteLength, limits.maxDocBytes));
	return { title: String(doc.getMap('meta').get('title') ?? ''), update, components };
}
