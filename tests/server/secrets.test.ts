// Link keys and organisation admin keys as secrets: compared in constant time (every stored hash,
// always, through timingSafeEqual over two 32-byte SHA-256 digests — checked structurally, no
// timing measurements), stored only as hashes (no trace of a key in the SQLite file or its WAL),
// and never logged (the built server's whole output after every key-bearing path, errors included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Socket } from 'node:net';
import WebSocket from 'ws';
import { addComponent } from '../../src/lib/map/index.js';
import { hashKey, newKey, ROLES, roleForKey } from '../../server/access.js';
import type { MapRecord } from '../../server/store/types.js';
import { createMapHttp, spawnServer, startCollab, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';
import { capture, rawClient } from '../helpers/raw.js';

function record(keys: Record<(typeof ROLES)[number], string>): MapRecord {
	return {
		id: 'Abcdefgh1234',
		title: 't',
		createdAt: 0,
		updatedAt: 0,
		visibility: 'private',
		keyHashes: { facilitator: hashKey(keys.facilitator), participant: hashKey(keys.participant), viewer: hashKey(keys.viewer) }
	};
}

const source = (path: string) => readFileSync(join(import.meta.dirname, '..', '..', path), 'utf8');

describe('keys are compared in constant time', () => {
	const keys = { facilitator: newKey(), participant: newKey(), viewer: newKey() };
	const rec = record(keys);

	it('refuses a wrong key of any length and alphabet, and finds each right one', () => {
		const alphabet = 'ABCxyz019_-';
		for (let n = 0; n <= 200; n++) {
			const candidate = Array.from({ length: n }, (_, i) => alphabet[(i * 7 + n) % alphabet.length]).join('');
			expect(roleForKey(rec, candidate), `length ${n}`).toBeNull();
		}
		const flip = (k: string) => k.slice(0, -1) + (k.endsWith('A') ? 'B' : 'A');
		for (const odd of ['€'.repeat(32), 'a b'.repeat(11), '\u0000'.repeat(32), keys.viewer + '\n', keys.viewer.slice(1), flip(keys.viewer), flip(keys.facilitator), newKey(), null, undefined]) {
			expect(roleForKey(rec, odd)).toBeNull();
		}
		for (const role of ROLES) expect(roleForKey(rec, keys[role])).toBe(role);
	});

	it('stores and compares 32-byte SHA-256 digests, never the key', () => {
		for (const role of ROLES) {
			expect(rec.keyHashes[role]).toHaveLength(32);
			expect(Buffer.from(rec.keyHashes[role]).equals(createHash('sha256').update(keys[role]).digest())).toBe(true);
		}
	});

	// Structural, not timed: timing measurements would be flaky on a shared machine.
	it('compares with timingSafeEqual over every role’s digest, with no early exit (server/access.ts)', () => {
		const access = source('server/access.ts');
		const body = access.slice(access.indexOf('export function roleForKey'), access.indexOf('export function publicRole'));
		expect(body).toMatch(/const hash = hashKey\(key\)/);
		expect(body).toMatch(/for \(const role of ROLES\)/);
		expect(body).toMatch(/stored\.length === hash\.length && timingSafeEqual\(stored, hash\)/);
		expect(body).not.toMatch(/return role|break|===\s*key|key\s*===/);
	});

	it('verifies an organisation’s admin key the same way (server/catalogue/organisations.ts)', async () => {
		const orgs = source('server/catalogue/organisations.ts');
		const body = orgs.slice(orgs.indexOf('verifyKey('), orgs.indexOf('children('));
		expect(body).toMatch(/timingSafeEqual\(row\.admin_hash, hash\)/);
		expect(body).toMatch(/const hash = hashKey\(key\)/);
		const s = await startCollab();
		try {
			const { adminKey, organisation } = await s.app.catalogue.orgs.create({ name: 'Timingshire Council', type: 'county', region: 'North East', parentId: null, website: '', description: '' });
			expect(await s.app.catalogue.orgs.verifyKey(organisation.id, adminKey)).toBe(true);
			expect(await s.app.catalogue.orgs.verifyKey(organisation.id, newKey())).toBe(false);
			expect(await s.app.catalogue.orgs.verifyKey(organisation.id, adminKey.slice(0, -1) + (adminKey.endsWith('A') ? 'B' : 'A'))).toBe(false);
			for (let n = 0; n <= 140; n += 7) expect(await s.app.catalogue.orgs.verifyKey(organisation.id, 'k'.repeat(n))).toBe(false);
		} finally {
			await s.close();
		}
	});
});

describe('keys on the built server', () => {
	let srv: ServerProcess;
	let dataDir: string;
	/** Every secret this file saw: map keys (old and new), admin keys, and wrong keys it sent. */
	const secrets = new Set<string>();
	/** Keys still valid at the end: their SHA-256 must be in the file (the scan can see bytes). */
	const live = new Set<string>();
	const sockets: { close(): void }[] = [];

	beforeAll(async () => {
		dataDir = tempDataDir();
		srv = await spawnServer(dataDir);
	}, 30_000);
	afterAll(() => {
		for (const s of sockets) s.close();
		if (srv?.child.exitCode === null) srv.child.kill('SIGKILL');
	});

	const ws = () => `ws://127.0.0.1:${srv.port}/collab`;
	async function http(method: string, path: string, init: { key?: string; bearer?: string; body?: string; type?: string; headers?: Record<string, string> } = {}) {
		const url = init.key === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(init.key)}`;
		const res = await fetch(`${srv.base}${url}`, {
			method,
			redirect: 'manual',
			headers: {
				...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
				...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}),
				...init.headers
			},
			body: init.body
		});
		await res.arrayBuffer();
		return res.status;
	}
	function upgrade(path: string, headers: Record<string, string> = {}): Promise<number> {
		return new Promise((resolve) => {
			const socket = new WebSocket(`${ws()}${path}`, { headers });
			socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			socket.once('open', () => {
				socket.close();
				resolve(101);
			});
			socket.once('error', () => resolve(0));
		});
	}

	it('exercises every key-bearing path, refusals and errors included', async () => {
		const wrong = [newKey(), newKey(), 'W'.repeat(64), newKey() + newKey()];
		wrong.forEach((k) => secrets.add(k));
		const m = await createMapHttp(srv.base, 'Secret keeping');
		const keys = { facilitator: m.facilitatorKey, participant: m.editKey, viewer: m.viewKey };
		for (const k of Object.values(keys)) secrets.add(k);

		// A live session with every key, edits stored (and history written) under a name.
		for (const key of Object.values(keys)) {
			const c = await rawClient(ws(), m.id, key, 'Kim');
			sockets.push(c);
		}
		const f = await rawClient(ws(), m.id, keys.facilitator, 'Fay');
		sockets.push(f);
		f.sendUpdate(capture(f.doc, () => void addComponent(f.doc, { name: 'Kept' })));
		await until(() => true);

		// Reads with each key, as ?key= and as Bearer, on every route that takes one.
		const readPaths = [`/api/maps/${m.id}`, `/maps/${m.id}`, `/maps/${m.id}/__data.json`, `/maps/${m.id}/publish`, `/api/maps/${m.id}/publication`, `/api/maps/${m.id}/history`, `/api/maps/${m.id}/snapshots`];
		for (const format of ['svg', 'png', 'owm', 'mmd', 'json', 'csv']) readPaths.push(`/maps/${m.id}.${format}`);
		for (const path of readPaths) {
			for (const key of [...Object.values(keys), ...wrong]) {
				await http('GET', path, { key });
				await http('GET', path, { bearer: key });
			}
		}
		// Writes and their refusals; bad bodies; bad parameters; the snapshot and fork routes.
		expect(await http('POST', `/api/maps/${m.id}/snapshots`, { bearer: keys.facilitator, body: JSON.stringify({ name: 'first', by: 'Fay' }) })).toBe(201);
		await http('POST', `/api/maps/${m.id}/snapshots`, { bearer: keys.participant, body: '{"name":"x"}' });
		await http('POST', `/api/maps/${m.id}/snapshots/nope/restore`, { bearer: keys.facilitator });
		await http('PUT', `/api/maps/${m.id}/publication`, { bearer: keys.facilitator, body: '{not json' });
		await http('PUT', `/api/maps/${m.id}/publication`, { bearer: keys.participant, body: '{}' });
		await http('PUT', `/api/maps/${m.id}/publication`, { key: wrong[0], body: '{}' });
		await http('GET', `/maps/${m.id}.png`, { key: keys.viewer, headers: {} });
		await http('GET', `/maps/${m.id}.png?scale=99`, { key: keys.viewer });
		await http('GET', `/maps/${m.id}.svg?theme=nope`, { key: keys.viewer });
		await http('GET', `/maps/${m.id}?key=%E0%A4%A`); // malformed escape
		await http('GET', `/maps/%ZZ${m.id}`, { key: keys.viewer });
		await http('POST', `/maps/${m.id}/publish?/save`, { key: keys.facilitator, body: '--x\r\nbroken multipart', type: 'multipart/form-data; boundary=x', headers: { origin: srv.base } });
		await http('POST', `/maps/${m.id}/publish?/save`, { key: wrong[1], body: 'visibility=published', type: 'application/x-www-form-urlencoded', headers: { origin: srv.base } });
		await http('POST', `/api/maps/import`, { key: keys.facilitator, body: 'x'.repeat(7 * 1024 * 1024), type: 'text/plain' });
		await http('POST', `/api/maps/${m.id}/fork`, { bearer: keys.viewer });
		await http('POST', '/api/merge', { body: JSON.stringify({ maps: [m.viewUrl, `${srv.base}/maps/${m.id}?key=${wrong[2]}`] }) });
		await http('GET', `/api/compare?a=${encodeURIComponent(m.viewUrl)}&b=${encodeURIComponent(`${m.id}?key=${wrong[3]}`)}`);

		// An organisation's admin key: right, wrong, in a query and in a body.
		const orgRes = await fetch(`${srv.base}/api/organisations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Secretshire District Council', type: 'district', region: 'East of England' }) });
		expect(orgRes.status).toBe(201);
		const org = (await orgRes.json()) as { slug: string; adminKey: string };
		secrets.add(org.adminKey);
		live.add(org.adminKey);
		await http('PATCH', `/api/organisations/${org.slug}`, { bearer: org.adminKey, body: JSON.stringify({ description: 'Ours' }) });
		await http('PATCH', `/api/organisations/${org.slug}`, { key: wrong[0], body: JSON.stringify({ description: 'Not ours' }) });
		await http('PATCH', `/api/organisations/${org.slug}`, { bearer: org.adminKey, body: '[' });
		await http('GET', `/catalogue/organisations/${org.slug}/manage`, { key: org.adminKey });
		await http('GET', `/catalogue/organisations/${org.slug}/manage`, { key: wrong[1] });
		await http('PUT', `/api/maps/${m.id}/publication`, { bearer: keys.facilitator, body: JSON.stringify({ visibility: 'published', organisation: org.slug, organisationKey: wrong[2] }) });
		expect(await http('PUT', `/api/maps/${m.id}/publication`, { bearer: keys.facilitator, body: JSON.stringify({ visibility: 'published', organisation: org.slug, organisationKey: org.adminKey }) })).toBe(200);
		// Private again, so that wrong and old keys below are refused rather than shown the public map.
		expect(await http('PUT', `/api/maps/${m.id}/publication`, { bearer: keys.facilitator, body: '{"visibility":"private"}' })).toBe(200);

		// Upgrades refused for every reason, with keys in the URL.
		expect(await upgrade(`/${m.id}?key=${keys.facilitator}`, { origin: 'https://evil.example' })).toBe(403);
		expect(await upgrade(`/${m.id}?key=${wrong[0]}`)).toBe(403);
		expect(await upgrade(`/ZZZZZZZZZZZZ?key=${keys.viewer}`)).toBe(404);
		expect(await upgrade(`/bad..id?key=${keys.viewer}`)).toBe(400);
		expect(await upgrade(`/elsewhere/${m.id}?key=${keys.viewer}`)).toBe(0);
		// A socket that leaves halfway through its upgrade.
		await new Promise<void>((resolve) => {
			const s = new Socket();
			s.connect(srv.port, '127.0.0.1', () => {
				s.write(`GET /collab/${m.id}?key=${keys.participant} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\n\r\n`);
				s.destroy();
				resolve();
			});
		});
		// Garbage and oversized frames from keyed connections.
		for (const frame of [Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff]), Buffer.from([7, 7, 7]), Buffer.alloc(5 * 1024 * 1024)]) {
			const c = await rawClient(ws(), m.id, keys.participant, 'Bad frames');
			c.ws.send(frame);
			await c.closed;
		}

		// Every link rotated, twice; the sockets that used them are closed.
		for (let round = 0; round < 2; round++) {
			for (const role of ['viewer', 'participant', 'facilitator'] as const) {
				const res = await fetch(`${srv.base}/api/maps/${m.id}/links/${role}`, { method: 'POST', headers: { authorization: `Bearer ${keys.facilitator}` } });
				expect(res.status).toBe(200);
				keys[role] = ((await res.json()) as { key: string }).key;
				secrets.add(keys[role]);
			}
		}
		for (const k of Object.values(keys)) live.add(k);
		// Old keys after rotation, on HTTP and on the upgrade.
		for (const old of [m.facilitatorKey, m.editKey, m.viewKey]) {
			expect(await http('GET', `/api/maps/${m.id}`, { key: old })).toBe(403);
			expect(await upgrade(`/${m.id}?key=${old}`)).toBe(403);
		}
		// A second map made through the home page's form (keys in the redirect) and the import API.
		const form = await fetch(`${srv.base}/?/create`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: srv.base }, body: 'title=Form+map' });
		// Asked for without `Accept: text/html`, SvelteKit answers an action as JSON {type: 'redirect', location}.
		expect(form.status).toBe(200);
		const location = ((await form.json()) as { location: string }).location;
		const formKeys = location.match(/[A-Za-z0-9_-]{32}/g) ?? [];
		expect(formKeys).toHaveLength(3);
		for (const k of formKeys) secrets.add(k);
		const imported = await fetch(`${srv.base}/api/maps/import?format=owm`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: 'title Imported\ncomponent A [0.5, 0.5]' });
		expect(imported.status).toBe(201);
		const body = (await imported.json()) as { facilitatorUrl?: string; editUrl?: string; viewUrl?: string };
		for (const u of [body.facilitatorUrl, body.editUrl, body.viewUrl]) if (u) secrets.add(new URL(u).searchParams.get('key')!);
		expect(secrets.size).toBe(4 + 3 + 1 + 6 + 3 + 3);
	}, 60_000);

	/** Where `secret` shows in `bytes` in any encoding a careless write might use, or null. */
	function trace(bytes: Buffer, secret: string): string | null {
		const raw = Buffer.from(secret, 'base64url');
		const forms: [string, Buffer][] = [
			['text', Buffer.from(secret)],
			['first half', Buffer.from(secret.slice(0, 16))],
			['second half', Buffer.from(secret.slice(-16))],
			['utf-16', Buffer.from(secret, 'utf16le')],
			['hex of text', Buffer.from(Buffer.from(secret).toString('hex'))],
			['raw bytes', raw],
			['hex', Buffer.from(raw.toString('hex'))],
			['HEX', Buffer.from(raw.toString('hex').toUpperCase())],
			['base64', Buffer.from(raw.toString('base64').replace(/=+$/, ''))]
		];
		for (const [name, form] of forms) if (form.length >= 12 && bytes.includes(form)) return name;
		return null;
	}
	function databaseFiles(): [string, Buffer][] {
		return ['stackmap.db', 'stackmap.db-wal', 'stackmap.db-shm'].filter((f) => existsSync(join(dataDir, f))).map((f) => [f, readFileSync(join(dataDir, f))]);
	}

	it('stores no key in the SQLite file or its WAL, only SHA-256 digests', () => {
		const files = databaseFiles();
		expect(files.map(([f]) => f)).toContain('stackmap.db-wal');
		for (const [file, bytes] of files) for (const secret of secrets) expect(trace(bytes, secret), `${file}: ${secret}`).toBeNull();
		// The scan can see bytes: the live keys' digests are there (in the file or still in the WAL).
		const all = Buffer.concat(files.map(([, b]) => b));
		for (const key of live) expect(all.includes(createHash('sha256').update(key).digest()), 'digest of a live key').toBe(true);
	});

	it('logs no key, and still none after a graceful shutdown (checkpointed file included)', async () => {
		const exited = new Promise((r) => srv.child.once('exit', r));
		srv.child.kill('SIGTERM');
		await exited;
		const output = srv.output();
		expect(output).toContain('listening on');
		for (const secret of secrets) {
			expect(output.includes(secret), `key in the server’s output:\n${output}`).toBe(false);
			expect(trace(Buffer.from(output), secret)).toBeNull();
		}
		for (const [file, bytes] of databaseFiles()) for (const secret of secrets) expect(trace(bytes, secret), file).toBeNull();
	});
});

