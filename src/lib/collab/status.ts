// What the page says about its connection: the state line (connected / saving / reconnecting /
// offline, with unsaved changes) and, when the server closed the connection, why. Pure text.
import type { SyncState } from './offline.js';

/** Plain words for close codes a server (or the websocket library) may send without a reason. */
const CLOSE_TEXT: Record<number, string> = {
	1001: 'Server restarting: reconnecting.',
	1003: 'Unsupported message type.',
	1007: 'Malformed message: the connection was closed.',
	1008: 'The server refused this connection’s messages (too many or too large).',
	1009: 'A change was too large for the server to accept.',
	1011: 'Server error: your last change may not be saved.',
	1013: 'Connection too slow to keep up: reconnecting.'
};

/**
 * The message to show when the server closed the connection with `code`: its reason, or plain
 * words for a known code sent without one; null for ordinary closes (1000, network loss).
 */
export function closeMessage(code: number, reason: string): string | null {
	if (reason.trim()) return reason.trim();
	return CLOSE_TEXT[code] ?? null;
}

/**
 * The connection state line. `dropped` is why the server last closed the connection ('' for
 * none); it is shown while reconnecting, so "Reconnecting" is never a mystery.
 */
export function statusText(sync: SyncState | null, dropped = ''): string {
	if (!sync) return 'Joining…';
	const n = sync.unsynced;
	const pending = n > 0 ? `, ${n} change${n === 1 ? '' : 's'} not yet saved` : '';
	if (sync.status === 'connected') return sync.saved ? 'Connected, all changes saved' : `Connected, saving${pending}`;
	const why = dropped ? ` (${dropped.replace(/[.:]?\s*reconnecting\.?$/i, '').replace(/\.$/, '')})` : '';
	if (sync.status === 'connecting') return `Connecting${why}${pending}`;
	if (sync.status === 'reconnecting') return `Reconnecting${why}${pending}; changes are kept on this device`;
	return `Offline${why}${pending}; changes are kept on this device`;
}
