// One call to join a map live: a fresh Y.Doc, its local copy (IndexedDB), the y-websocket
// connection with the link key and the joined name, presence and the sync tracker — and the way
// back in step after the server refused a change (rejoin). No Svelte; the page owns the UI.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { createPresence, type Presence, type PresenceOptions } from './presence.js';
import { keepLocalCopy, trackSync, type LocalCopy, type SyncTracker } from './offline.js';
import { displayName } from './names.js';
import { closeMessage } from './status.js';
import { sendUpdatesInPieces } from './split.js';

/** Close code when the link used was rotated (y-websocket then stops reconnecting). */
export const CLOSE_LINK_REVOKED = 4403;

export interface JoinOptions {
	id: string;
	/** The link key from the page URL (null for a published map without one). */
	key: string | null;
	/** The name from the joining step ('' joins as Anonymous). */
	name: string;
	/** Keep a copy in IndexedDB (default true; pass false for view links or private devices). */
	keepOffline?: boolean;
	/** ws(s)://host/collab; defaults to this page's origin. */
	url?: string;
	/** Presence settings other than the name (rates, colour, the role of the link). */
	presence?: Omit<PresenceOptions, 'name'>;
	/** The server refused a change: show `reason`; this copy is now out of step (see rejoin). */
	onDenied?: (reason: string) => void;
	/** The server closed the connection for good (4403: the link was rotated; ask for the new link). */
	onClosed?: (code: number, reason: string) => void;
	/**
	 * The server closed the connection and it will reconnect (a limit: too many messages, a message
	 * too large, too slow to keep up; or a restart): `message` says why, in words for the user.
	 */
	onDropped?: (code: number, message: string) => void;
	/** For tests outside a browser. */
	WebSocketPolyfill?: typeof WebSocket;
}

export interface LiveMap {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	readonly presence: Presence;
	readonly sync: SyncTracker;
	readonly local: LocalCopy | null;
	/** True once the server refused one of this copy's changes: later changes cannot land until rejoin. */
	readonly outOfStep: boolean;
	/** Leave: presence goes, the connection closes, the local copy is kept. */
	destroy(): Promise<void>;
}

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

/**
 * Make `provider` send only this tab's own presence. A stock y-websocket client relays every
 * presence change it hears back to the server — in a 60-person room, 60 copies of each cursor
 * move — which the server then drops. Returns a function that undoes it.
 */
export function relayOwnPresenceOnly(provider: WebsocketProvider): () => void {
	const p = provider as unknown as { _awarenessUpdateHandler: (changes: AwarenessChanges, origin: unknown) => void };
	const original = p._awarenessUpdateHandler;
	const own = (changes: AwarenessChanges, origin: unknown) => {
		const me = provider.awareness.clientID;
		const mine = (ids: number[]) => ids.filter((id) => id === me);
		const filtered = { added: mine(changes.added), updated: mine(changes.updated), removed: mine(changes.removed) };
		if (filtered.added.length + filtered.updated.length + filtered.removed.length > 0) original(filtered, origin);
	};
	provider.awareness.off('update', original);
	provider.awareness.on('update', own);
	return () => {
		provider.awareness.off('update', own);
	};
}

function defaultUrl(): string {
	const { protocol, host } = window.location;
	return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/collab`;
}

/** Join map `options.id` live. Edits go through the model's commands on `doc`. */
export function joinMap(options: JoinOptions): LiveMap {
	const doc = new Y.Doc();
	const local = options.keepOffline === false || typeof indexedDB === 'undefined' ? null : keepLocalCopy(options.id, doc);
	const name = displayName(options.name);
	const params: Record<string, string> = { name };
	if (options.key) params.key = options.key;
	const provider = new WebsocketProvider(options.url ?? defaultUrl(), options.id, doc, {
		params,
		maxBackoffTime: 5000,
		disableBc: true,
		...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {})
	});
	const sync = trackSync(provider, doc);
	const stopRelay = relayOwnPresenceOnly(provider);
	const stopPieces = sendUpdatesInPieces(provider);
	const presence = createPresence(provider.awareness, { ...options.presence, name });
	let outOfStep = false;
	// Permission messages (y-protocols/auth): varUint 0 = denied, then the reason to show.
	provider.messageHandlers[2] = (_encoder, decoder) => {
		if (decoding.readVarUint(decoder) !== 0) return;
		outOfStep = true;
		options.onDenied?.(decoding.readVarString(decoder));
	};
	provider.on('closed', ({ code, reason }: { code: number; reason: string }) => options.onClosed?.(code, reason));
	provider.on('connection-close', (event: CloseEvent | null) => {
		// null: closed here; 4400-4499: closed for good ('closed' above, the client does not reconnect).
		if (!event || (event.code >= 4400 && event.code < 4500)) return;
		const message = closeMessage(event.code, event.reason ?? '');
		if (message) options.onDropped?.(event.code, message);
	});
	return {
		doc,
		provider,
		presence,
		sync,
		local,
		get outOfStep() {
			return outOfStep;
		},
		async destroy() {
			presence.destroy();
			sync.destroy();
			stopPieces();
			provider.destroy();
			stopRelay();
			await local?.destroy();
			doc.destroy();
		}
	};
}

/**
 * Get back in step after a refusal: throw this copy away — local changes the server has not
 * confirmed are lost, including the browser's copy — and join again with a fresh document.
 */
export async function rejoin(live: LiveMap, options: JoinOptions): Promise<LiveMap> {
	await live.destroy();
	await live.local?.clear();
	return joinMap(options);
}
