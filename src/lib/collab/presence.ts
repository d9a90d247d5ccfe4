// Presence for a live map: typed awareness state (name, colour, cursor, selection, what is being
// dragged, viewport, active/idle/away), throttled publishing, the participant list and "follow".
// Pure TypeScript over a y-protocols Awareness: no Svelte, no DOM (the page reports visibility).
import type { Awareness } from 'y-protocols/awareness';
import type { Point, Viewport } from '../map/index.js';
import { displayName } from './names.js';

export type PresenceStatus = 'active' | 'idle' | 'away';
export type PresenceRole = 'facilitator' | 'participant' | 'viewer';

export interface PresenceUser {
	/** The joined name (the server forces it, whatever a client sends). */
	readonly name: string;
	readonly colour: string;
	/** Set by the server from the link the person joined with. */
	readonly role?: PresenceRole;
}

/** What one connection publishes. */
export interface PresenceState {
	readonly user: PresenceUser;
	/** Pointer on the map, in map coordinates; null when off the map. */
	readonly cursor: Point | null;
	/** Selected element ids. */
	readonly selection: readonly string[];
	/** Ids of elements being dragged right now ("being moved by Ana"). */
	readonly dragging: readonly string[];
	readonly viewport: Viewport | null;
	readonly status: PresenceStatus;
}

export interface Participant extends PresenceState {
	/** Awareness client id: one per open tab. */
	readonly clientId: number;
	readonly isSelf: boolean;
}

/**
 * Person colours: each has at least 4.5:1 contrast with white, so a name can be drawn as white
 * text on the colour or as coloured text on a white map (WCAG 1.4.3).
 */
export const PRESENCE_COLOURS: readonly string[] = [
	'#1d70b8',
	'#d4351c',
	'#00703c',
	'#4c2c92',
	'#912b88',
	'#8a5a00',
	'#00707a',
	'#b1004a',
	'#33691e',
	'#a6400b',
	'#0b4f8a',
	'#c2185b'
];

/** Publishing rates and activity thresholds (defaults). */
export const CURSOR_HZ = 15;
export const VIEWPORT_HZ = 5;
export const IDLE_AFTER_MS = 60_000;
export const AWAY_AFTER_MS = 5 * 60_000;

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** A colour for `name`: its own by hash when free, else the first one nobody in `taken` uses. */
export function pickColour(name: string, taken: Iterable<string> = []): string {
	const used = new Set(taken);
	const start = hash(name) % PRESENCE_COLOURS.length;
	for (let i = 0; i < PRESENCE_COLOURS.length; i++) {
		const colour = PRESENCE_COLOURS[(start + i) % PRESENCE_COLOURS.length];
		if (!used.has(colour)) return colour;
	}
	return PRESENCE_COLOURS[start];
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 1000) : []);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function point(v: unknown): Point | null {
	const p = v as Partial<Point> | null;
	return p && typeof p === 'object' && finite(p.evolution) && finite(p.visibility) ? { evolution: p.evolution, visibility: p.visibility } : null;
}

function viewport(v: unknown): Viewport | null {
	const p = v as Partial<Viewport> | null;
	return p && typeof p === 'object' && finite(p.evolution) && finite(p.visibility) && finite(p.zoom) ? { evolution: p.evolution, visibility: p.visibility, zoom: p.zoom } : null;
}

/** Read one awareness entry defensively (stock clients and old versions send less). */
export function readPresence(clientId: number, raw: Record<string, unknown>, selfId: number): Participant {
	const user = (raw.user ?? {}) as Record<string, unknown>;
	const role = user.role === 'facilitator' || user.role === 'participant' || user.role === 'viewer' ? user.role : undefined;
	const colour = typeof user.colour === 'string' && PRESENCE_COLOURS.includes(user.colour) ? user.colour : pickColour(String(clientId));
	const status = raw.status === 'idle' || raw.status === 'away' ? raw.status : 'active';
	return {
		clientId,
		isSelf: clientId === selfId,
		user: { name: displayName(user.name), colour, ...(role ? { role } : {}) },
		cursor: point(raw.cursor),
		selection: ids(raw.selection),
		dragging: ids(raw.dragging),
		viewport: viewport(raw.viewport),
		status
	};
}

/** Most ids a presence entry may list as selected or dragged, and the longest id kept. */
export const PRESENCE_MAX_IDS = 500;
export const PRESENCE_MAX_ID_LENGTH = 64;

const boundedIds = (v: unknown): string[] =>
	Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= PRESENCE_MAX_ID_LENGTH).slice(0, PRESENCE_MAX_IDS) : [];

/**
 * The presence state a server relays for a connection: only the known fields, each checked and
 * bounded, with the name and role the person joined with (whatever the client sent). Null when
 * `raw` is not an object (not a presence state at all). What is returned is plain, shallow data:
 * encoding it can never fail, however the client's JSON was built.
 */
export function sanitizePresence(raw: unknown, joined: { readonly name: string; readonly role: PresenceRole }): PresenceState | null {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
	const r = raw as Record<string, unknown>;
	const user = r.user && typeof r.user === 'object' && !Array.isArray(r.user) ? (r.user as Record<string, unknown>) : {};
	const colour = typeof user.colour === 'string' && PRESENCE_COLOURS.includes(user.colour) ? user.colour : pickColour(joined.name);
	return {
		user: { name: joined.name, colour, role: joined.role },
		cursor: point(r.cursor),
		selection: boundedIds(r.selection),
		dragging: boundedIds(r.dragging),
		viewport: viewport(r.viewport),
		status: r.status === 'idle' || r.status === 'away' ? r.status : 'active'
	};
}

/** Everyone in the room (self included, flagged), sorted by name then client id. */
export function listParticipants(awareness: Awareness): Participant[] {
	const out: Participant[] = [];
	for (const [clientId, raw] of awareness.getStates()) if (raw) out.push(readPresence(clientId, raw, awareness.clientID));
	return out.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/** Element id → the other person dragging it (for "being moved by Ana"). */
export function beingMoved(participants: readonly Participant[]): Map<string, Participant> {
	const out = new Map<string, Participant>();
	for (const p of participants) if (!p.isSelf) for (const id of p.dragging) out.set(id, p);
	return out;
}

/** Element id → the other people who have it selected (outlined in their colours). */
export function selectedBy(participants: readonly Participant[]): Map<string, Participant[]> {
	const out = new Map<string, Participant[]>();
	for (const p of participants) {
		if (p.isSelf) continue;
		for (const id of p.selection) out.set(id, [...(out.get(id) ?? []), p]);
	}
	return out;
}

export interface PresenceOptions {
	/** The name given at the join step. */
	name: string;
	/** Defaults to a colour nobody in the room uses yet. */
	colour?: string;
	/** The role of the link joined with (the server forces it anyway; sending it saves the server a rewrite). */
	role?: PresenceRole;
	cursorHz?: number;
	viewportHz?: number;
	idleAfterMs?: number;
	awayAfterMs?: number;
	now?: () => number;
}

export interface Presence {
	readonly clientId: number;
	/** Move the pointer (map coordinates), or null when it leaves the map. Published at most cursorHz times a second; the last position is always sent. */
	moveCursor(at: Point | null): void;
	/** Publish the selection (at once). */
	select(ids: readonly string[]): void;
	/** Publish what is being dragged (at once); [] when the drag ends. */
	drag(ids: readonly string[]): void;
	/** Publish the view (throttled like the cursor, at viewportHz). */
	setViewport(v: Viewport): void;
	/** Note activity that is not a pointer move (a key press). */
	touch(): void;
	/** The page was hidden (true) or shown again (false). */
	setAway(away: boolean): void;
	participants(): Participant[];
	/** Hear the participant list whenever presence changes. Returns an unsubscribe function. */
	onChange(listener: (participants: Participant[]) => void): () => void;
	/**
	 * Follow someone's view: `listener` hears their viewport now and whenever it changes, then
	 * null once when they leave. Returns a function that stops following.
	 */
	follow(clientId: number, listener: (viewport: Viewport | null) => void): () => void;
	/** Stop timers and remove this person's presence. */
	destroy(): void;
}

type Field = 'cursor' | 'viewport';

/** Publish this tab's presence on `awareness` and read everyone else's. */
export function createPresence(awareness: Awareness, options: PresenceOptions): Presence {
	const now = options.now ?? (() => Date.now());
	const name = displayName(options.name);
	const taken = listParticipants(awareness).map((p) => p.user.colour);
	const colour = options.colour ?? pickColour(name, taken);
	const interval: Record<Field, number> = { cursor: 1000 / (options.cursorHz ?? CURSOR_HZ), viewport: 1000 / (options.viewportHz ?? VIEWPORT_HZ) };
	const idleAfter = options.idleAfterMs ?? IDLE_AFTER_MS;
	const awayAfter = options.awayAfterMs ?? AWAY_AFTER_MS;
	const lastSent: Record<Field, number> = { cursor: -Infinity, viewport: -Infinity };
	const pending: Record<Field, { value: unknown } | null> = { cursor: null, viewport: null };
	const timers: Record<Field, ReturnType<typeof setTimeout> | null> = { cursor: null, viewport: null };
	let lastActivity = now();
	let hidden = false;
	let status: PresenceStatus = 'active';

	const user: PresenceUser = options.role ? { name, colour, role: options.role } : { name, colour };
	awareness.setLocalState({ user, cursor: null, selection: [], dragging: [], viewport: null, status } satisfies PresenceState);

	const publish = (field: string, value: unknown) => awareness.setLocalStateField(field, value);
	/** Publish a list of ids only when it changed (each publish is a message to everyone in the room). */
	const publishIds = (field: 'selection' | 'dragging', ids: readonly string[]) => {
		const was = awareness.getLocalState()?.[field] as readonly string[] | undefined;
		if (was && was.length === ids.length && was.every((id, i) => id === ids[i])) return;
		publish(field, [...ids]);
	};
	const setStatus = (next: PresenceStatus) => {
		if (next !== status) publish('status', (status = next));
	};
	const active = () => {
		lastActivity = now();
		if (!hidden) setStatus('active');
	};
	const check = setInterval(() => {
		if (hidden) return;
		const quiet = now() - lastActivity;
		setStatus(quiet >= awayAfter ? 'away' : quiet >= idleAfter ? 'idle' : 'active');
	}, Math.min(5000, idleAfter / 2));

	const throttled = (field: Field, value: unknown) => {
		pending[field] = { value };
		if (timers[field]) return;
		const wait = lastSent[field] + interval[field] - now();
		const send = () => {
			timers[field] = null;
			if (!pending[field]) return;
			lastSent[field] = now();
			publish(field, pending[field]!.value);
			pending[field] = null;
		};
		if (wait <= 0) send();
		else timers[field] = setTimeout(send, wait);
	};

	return {
		clientId: awareness.clientID,
		moveCursor(at) {
			active();
			throttled('cursor', at ? { evolution: at.evolution, visibility: at.visibility } : null);
		},
		select(selection) {
			active();
			publishIds('selection', selection);
		},
		drag(dragging) {
			active();
			publishIds('dragging', dragging);
		},
		setViewport(v) {
			active();
			throttled('viewport', { evolution: v.evolution, visibility: v.visibility, zoom: v.zoom });
		},
		touch: active,
		setAway(away) {
			hidden = away;
			if (away) setStatus('away');
			else active();
		},
		participants: () => listParticipants(awareness),
		onChange(listener) {
			const on = () => listener(listParticipants(awareness));
			awareness.on('change', on);
			return () => awareness.off('change', on);
		},
		follow(clientId, listener) {
			let last = '';
			let gone = false;
			const on = () => {
				if (gone) return;
				const raw = awareness.getStates().get(clientId);
				if (!raw) {
					gone = true;
					awareness.off('change', on);
					listener(null);
					return;
				}
				const v = readPresence(clientId, raw, awareness.clientID).viewport;
				const key = JSON.stringify(v);
				if (v && key !== last) {
					last = key;
					listener(v);
				}
			};
			awareness.on('change', on);
			on();
			return () => {
				gone = true;
				awareness.off('change', on);
			};
		},
		destroy() {
			clearInterval(check);
			for (const field of ['cursor', 'viewport'] as const) if (timers[field]) clearTimeout(timers[field]!);
			awareness.setLocalState(null);
		}
	};
}
