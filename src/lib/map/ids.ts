// Random element ids: 12 characters of base62, unique enough for concurrent creation across peers;
// and the shapes of an element id and a map id, checked before any lookup.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh random id (about 71 bits), safe in URLs, SQL and file names. */
export function newId<T extends string>(length = 12): T {
	const bytes = new Uint8Array(length);
	globalThis.crypto.getRandomValues(bytes);
	let id = '';
	// 62 * 4 = 248: drop bytes >= 248 to keep the distribution uniform.
	for (let i = 0; id.length < length; i++) {
		if (i >= bytes.length) {
			globalThis.crypto.getRandomValues(bytes);
			i = 0;
		}
		const b = bytes[i];
		if (b < 248) id += ALPHABET[b % 62];
	}
	return id as T;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAP_ID = /^[A-Za-z0-9]{8,32}$/;

/** True for a well-formed element id (what newId makes, or an imported one of the same shape). */
export function isId(value: unknown): value is string {
	return typeof value === 'string' && ID_PATTERN.test(value);
}

/** True for a well-formed map id (letters and digits, 8–32 long): never a path or SQL fragment. */
export function isMapId(id: unknown): id is string {
	return typeof id === 'string' && MAP_ID.test(id);
}
