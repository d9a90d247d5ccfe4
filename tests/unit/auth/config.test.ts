// loadAuthConfig: providers from STACKMAP_OIDC_PROVIDERS or STACKMAP_OIDC_*, refused when malformed.
import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../../../server/auth/config.js';

const entra = { id: 'entra', name: 'Microsoft', issuer: 'https://login.microsoftonline.com/tid/v2.0', clientId: 'abc', clientSecret: 's' };

describe('loadAuthConfig', () => {
	it('is off with nothing set, with 8 h idle and 7 day sessions', () => {
		expect(loadAuthConfig({})).toEqual({ providers: [], idleMs: 8 * 3600_000, maxMs: 7 * 24 * 3600_000 });
	});

	it('reads one provider from STACKMAP_OIDC_* and several from STACKMAP_OIDC_PROVIDERS', () => {
		expect(loadAuthConfig({ STACKMAP_OIDC_ISSUER: 'https://accounts.google.com', STACKMAP_OIDC_CLIENT_ID: 'id', STACKMAP_OIDC_CLIENT_SECRET: 'secret' }).providers).toEqual([
			{ id: 'oidc', name: 'single sign-on', issuer: 'https://accounts.google.com', clientId: 'id', clientSecret: 'secret' }
		]);
		const google = { id: 'google', name: 'Google', issuer: 'https://accounts.google.com', clientId: 'g' };
		const config = loadAuthConfig({ STACKMAP_OIDC_PROVIDERS: JSON.stringify([entra, google]), STACKMAP_SESSION_IDLE_SECONDS: '60', STACKMAP_SESSION_MAX_SECONDS: '3600' });
		expect(config.providers.map((p) => [p.id, p.name, p.clientSecret])).toEqual([
			['entra', 'Microsoft', 's'],
			['google', 'Google', '']
		]);
		expect([config.idleMs, config.maxMs]).toEqual([60_000, 3600_000]);
	});

	it.each([
		['not JSON', '{', /JSON array/],
		['not an array', '{}', /JSON array/],
		['a bad id', JSON.stringify([{ ...entra, id: 'a b' }]), /id must be/],
		['no client id', JSON.stringify([{ ...entra, clientId: '' }]), /clientId is required/],
		['plain http to another host', JSON.stringify([{ ...entra, issuer: 'http://idp.example' }]), /https/],
		['the same id twice', JSON.stringify([entra, entra]), /same id/]
	])('refuses %s', (_what, value, message) => {
		expect(() => loadAuthConfig({ STACKMAP_OIDC_PROVIDERS: value })).toThrow(message);
	});

	it('allows plain http only for an issuer on this machine', () => {
		expect(loadAuthConfig({ STACKMAP_OIDC_ISSUER: 'http://127.0.0.1:9000', STACKMAP_OIDC_CLIENT_ID: 'x' }).providers).toHaveLength(1);
	});
});
