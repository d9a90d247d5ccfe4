// iCalendar (RFC 5545) text out: all-day events, CRLF line endings, lines folded at 75 octets
// without splitting a UTF-8 character, TEXT values escaped. Pure; no imports of the app.

/** One all-day event. */
export interface CalendarEvent {
	/** Stable across downloads, so calendar apps update rather than duplicate: `<something>@stackmap`. */
	readonly uid: string;
	/** yyyy-mm-dd */
	readonly date: string;
	readonly summary: string;
	readonly description: string;
	/** An absolute address for the event, or ''. */
	readonly url: string;
}

export interface Calendar {
	/** Shown as the calendar's name (X-WR-CALNAME). */
	readonly name: string;
	readonly events: readonly CalendarEvent[];
}

/** A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
		// Other control characters are not allowed in TEXT.
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

const encoder = new TextEncoder();

/** A content line folded to at most 75 octets per line (continuations start with a space), CRLF-joined. */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = encoder.encode(ch).length;
		// The first line holds 75 octets; continuation lines 74 after their leading space.
		const limit = parts.length === 0 ? 75 : 74;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += ch;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const basic = (date: string) => date.replaceAll('-', '');

/** `now` as an iCalendar UTC date-time (20261207T063600Z). */
function stamp(now: Date): string {
	return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The day after a yyyy-mm-dd date (an all-day event's exclusive end). */
function nextDay(date: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** The calendar as an .ics file's text; `now` gives every event's DTSTAMP. */
export function toICalendar(calendar: Calendar, now: Date): string {
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Stackmap//Contract notices//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(calendar.name)}`];
	const dtstamp = stamp(now);
	for (const e of calendar.events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${escapeText(e.uid)}`,
			`DTSTAMP:${dtstamp}`,
			`DTSTART;VALUE=DATE:${basic(e.date)}`,
			`DTEND;VALUE=DATE:${basic(nextDay(e.date))}`,
			`SUMMARY:${escapeText(e.summary)}`,
			...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
			...(e.url ? [`URL:${e.url.replace(/[\r\n]/g, '')}`] : []),
			'TRANSP:TRANSPARENT',
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
