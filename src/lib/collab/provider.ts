// Browser wiring of a map's Y.Doc to the collaboration server (y-websocket), with a small typed
// connection status. The page never touches the provider beyond this module.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

export interface MapConnection {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	destroy(): void;
}

/** The websocket base URL for this page's origin: ws(s)://host/collab. */
export function collabUrl(location: Location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * Connect a fresh Y.Doc to map `id` with link key `key`. `onStatus` hears every change of the
 * connection state; `onDenied` hears the server's permission messages (e.g. view-only links).
 */
export function connectMap(
	id: string,
	key: string | null,
	handlers: { onStatus?: (s: ConnectionState) => void; onSynced?: () => void; onDenied?: (reason: string) => void } = {}
): MapConnection {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(collabUrl(window.location), id, doc, {
		params: key ? { key } : {},
		maxBackoffTime: 5000
	});
	provider.on('status', ({ status }: { status: string }) => {
		handlers.onStatus?.(status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline');
	});
	provider.on('sync', (synced: boolean) => {
		if (synced) handlers.onSynced?.();
	});
	// Permission messages (messageAuth = 2): varUint 0 = denied, then the reason the user should see.
	provider.messageHandlers[2] = (_encoder, decoder) => {
		if (decoding.readVarUint(decoder) === 0) handlers.onDenied?.(decoding.readVarString(decoder));
	};
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}
