// The connection state line and close messages the map page shows (table-driven).
import { describe, expect, it } from 'vitest';
import { closeMessage, statusText } from '../../../src/lib/collab/status.js';
import type { SyncState } from '../../../src/lib/collab/offline.js';

const state = (status: SyncState['status'], unsynced = 0, synced = status === 'connected'): SyncState => ({
	status,
	synced,
	unsynced,
	saved: synced && unsynced === 0
});

describe('closeMessage', () => {
	it.each([
		[1008, 'Too many messages: slow down.', 'Too many messages: slow down.'],
		[1008, 'Presence data too large.', 'Presence data too large.'],
		[1009, '', 'A change was too large for the server to accept.'],
		[1013, 'Connection too slow to keep up: reconnecting.', 'Connection too slow to keep up: reconnecting.'],
		[1011, '', 'Server error: your last change may not be saved.'],
		[1000, '', null],
		[1006, '', null]
	])('code %i with reason %j → %j', (code, reason, want) => {
		expect(closeMessage(code, reason)).toBe(want);
	});
});

describe('statusText', () => {
	it.each([
		[null, '', 'Joining…'],
		[state('connected'), '', 'Connected, all changes saved'],
		[state('connected', 2, true), 'Too many messages: slow down.', 'Connected, saving, 2 changes not yet saved'],
		[state('reconnecting'), '', 'Reconnecting; changes are kept on this device'],
		[state('reconnecting', 1), 'Too many messages: slow down.', 'Reconnecting (Too many messages: slow down), 1 change not yet saved; changes are kept on this device'],
		[state('reconnecting'), 'Connection too slow to keep up: reconnecting.', 'Reconnecting (Connection too slow to keep up); changes are kept on this device'],
		[state('connecting'), 'A change was too large for the server to accept.', 'Connecting (A change was too large for the server to accept)'],
		[state('offline', 3), '', 'Offline, 3 changes not yet saved; changes are kept on this device']
	])('%j with %j', (sync, dropped, want) => {
		expect(statusText(sync, dropped)).toBe(want);
	});
});
