// Display names from the joining step: one rule for the browser (what the person will be shown
// as) and the server (which forces it onto their presence). Pure; imports nothing.

/** Longest display name, in characters (code points). */
export const MAX_DISPLAY_NAME_LENGTH = 40;

/** The name shown for someone who joined without one. */
export const ANONYMOUS = 'Anonymous';

/**
 * A name safe to show anywhere: NFC, no control or invisible formatting characters (bidi
 * overrides, zero-width), whitespace collapsed, at most `max` characters. '' if nothing is left.
 */
export function sanitiseName(raw: unknown, max = MAX_DISPLAY_NAME_LENGTH): string {
	if (typeof raw !== 'string') return '';
	const clean = raw
		.slice(0, 1000)
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
		.replace(/\p{Cf}/gu, '')
		.replace(/\s+/gu, ' ')
		.trim();
	const chars = [...clean];
	return chars.length > max ? chars.slice(0, max).join('').trim() : clean;
}

/** sanitiseName, or ANONYMOUS when nothing is left. */
export function displayName(raw: unknown): string {
	return sanitiseName(raw) || ANONYMOUS;
}
