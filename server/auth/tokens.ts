// Session and flow tokens: 32 random bytes (base64url) in a cookie; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The stored form of a token, or null for anything not shaped like one (never looked up). */
export function tokenHash(token: string | null | undefined): Buffer | null {
	if (!token || !TOKEN.test(token)) return null;
	return createHash('sha256').update(token, 'utf8').digest();
}
