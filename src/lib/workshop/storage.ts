// What a device remembers between visits: the display name, and the share links of maps this
// device created (the server keeps only hashes of keys, so it cannot show them again).
const NAME = 'stackmap:name';
const SHARE = (id: string) => `stackmap:share:${id}`;

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
