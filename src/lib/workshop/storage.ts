// What a device remembers between visits: the display name, the links of the maps opened here
// (created here, or opened with a link), and each map's title and when it was last opened, for
// "Your maps" on the home page. Only this browser's localStorage: nothing is sent anywhere.
import { isMapId, type Role } from '../map/index.js';

const NAME = 'stackmap:name';
const SHARE_PREFIX = 'stackmap:share:';
const SHARE = (id: string) => `${SHARE_PREFIX}${id}`;
/** `{[mapId]: {title, openedAt}}` for the maps whose links are held. */
const MAPS = 'stackmap:maps';

export interface ShareLinks {
	facilitator?: string;
	participant?: string;
	viewer?: string;
}

function store(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** The remembered display name: '' for anonymous, null when this device never joined. */
export function rememberedName(): string | null {
	return store()?.getItem(NAME) ?? null;
}

export function rememberName(name: string): void {
	store()?.setItem(NAME, name);
}

export function shareLinks(id: string): ShareLinks {
	try {
		return JSON.parse(store()?.getItem(SHARE(id)) ?? '{}') as ShareLinks;
	} catch {
		return {};
	}
}

export function rememberShareLinks(id: string, links: ShareLinks): void {
	store()?.setItem(SHARE(id), JSON.stringify({ ...shareLinks(id), ...links }));
}

/** A map this device holds a link of, for "Your maps". */
export interface HeldMap {
	readonly id: string;
	/** The title when last seen here ('' when never opened here). */
	readonly title: string;
	/** The strongest role among the held links. */
	readonly role: Role;
	/** That role's key: the link to open it with. */
	readonly key: string;
	/** Epoch ms of the last opening here (0 for never). */
	readonly openedAt: number;
}

interface MapNote {
	title: string;
	openedAt: number;
}

function notes(): Record<string, MapNote> {
	try {
		const parsed = JSON.parse(store()?.getItem(MAPS) ?? '{}') as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, MapNote>) : {};
	} catch {
		return {};
	}
}

function writeNotes(all: Record<string, MapNote>): void {
	store()?.setItem(MAPS, JSON.stringify(all));
}

const STRONGEST: readonly Role[] = ['facilitator', 'participant', 'viewer'];

/** Every map this device holds a link of, last opened first. */
export function heldMaps(): HeldMap[] {
	const s = store();
	if (!s) return [];
	const all = notes();
	const held: HeldMap[] = [];
	for (let i = 0; i < s.length; i++) {
		const name = s.key(i);
		if (!name?.startsWith(SHARE_PREFIX)) continue;
		const id = name.slice(SHARE_PREFIX.length);
		if (!isMapId(id)) continue;
		const links = shareLinks(id);
		const role = STRONGEST.find((r) => typeof links[r] === 'string' && links[r]);
		if (!role) continue;
		const note = all[id];
		held.push({
			id,
			title: typeof note?.title === 'string' ? note.title : '',
			role,
			key: links[role]!,
			openedAt: typeof note?.openedAt === 'number' ? note.openedAt : 0
		});
	}
	return held.sort((a, b) => b.openedAt - a.openedAt || a.title.localeCompare(b.title));
}

/** The map was opened here with `key` granting `role`: hold the link and note the title and time. */
export function rememberOpened(id: string, role: Role, key: string, title: string, now = Date.now()): void {
	rememberShareLinks(id, { [role]: key });
	writeNotes({ ...notes(), [id]: { title, openedAt: now } });
}

/** The open map's title changed: keep "Your maps" current (only for a map held here). */
export function rememberTitle(id: string, title: string): void {
	const all = notes();
	if (!all[id] || all[id].title === title) return;
	writeNotes({ ...all, [id]: { ...all[id], title } });
}

/** Drop every link of the map and what was noted about it from this device. */
export function forgetMap(id: string): void {
	store()?.removeItem(SHARE(id));
	const all = notes();
	delete all[id];
	writeNotes(all);
}
