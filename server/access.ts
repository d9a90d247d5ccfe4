// Map links and what they grant. A link carries a random key; only its SHA-256 is stored and
// keys are compared in constant time. (Map ids are checked by isMapId, src/lib/map/ids.ts.)
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MapRecord, Role } from './store/types.js';

export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];

const KEY = /^[A-Za-z0-9_-]{16,128}$/;

/** A fresh unguessable link key: 24 random bytes, base64url (32 characters). */
export function newKey(): string {
	return randomBytes(24).toString('base64url');
}

export function hashKey(key: string): Uint8Array {
	return new Uint8Array(createHash('sha256').update(key, 'utf8').digest());
}

/** The strongest role a key grants on a map, or null. Every stored hash is compared, in constant time. */
export function roleForKey(record: MapRecord, key: string | null | undefined): Role | null {
	if (!key || !KEY.test(key)) return null;
	const hash = hashKey(key);
	let found: Role | null = null;
	for (const role of ROLES) {
		const stored = record.keyHashes[role];
		if (stored.length === hash.length && timingSafeEqual(stored, hash) && found === null) found = role;
	}
	return found;
}

/** The role anyone gets without a key: published and unlisted maps can be viewed, private ones not. */
export function publicRole(record: MapRecord): Role | null {
	return record.visibility === 'private' ? null : 'viewer';
}

export function canWrite(role: Role): boolean {
	return role === 'facilitator' || role === 'participant';
}

/** The role of a request: its key's role, else what the map grants the public. */
export function resolveRole(record: MapRecord, key: string | null | undefined): Role | null {
	return roleForKey(record, key) ?? publicRole(record);
}
