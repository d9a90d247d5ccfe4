// Where to go after signing in: only a path on this site, never another origin.

const BASE = 'http://stackmap.invalid';

/** `raw` as a same-origin path (`/maps/x?y#z`), or '/' for anything else (`//evil`, `https:…`, `/\evil`). */
export function safeReturnTo(raw: string | null | undefined): string {
	if (!raw || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
	let url: URL;
	try {
		url = new URL(raw, BASE);
	} catch {
		return '/';
	}
	if (url.origin !== BASE) return '/';
	return `${url.pathname}${url.search}${url.hash}`;
}
