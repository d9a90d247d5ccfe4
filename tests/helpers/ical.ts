// A strict reader of iCalendar text for tests: refuses bare LF, lines over 75 octets, bad folding,
// unbalanced BEGIN/END, events missing UID/DTSTAMP/DTSTART, and unescaped TEXT. Returns the events.

export interface ParsedEvent {
	readonly [property: string]: string;
}

export interface ParsedCalendar {
	readonly properties: Record<string, string>;
	readonly events: ParsedEvent[];
}

const TEXT = new Set(['SUMMARY', 'DESCRIPTION', 'X-WR-CALNAME', 'LOCATION', 'UID']);

function unescapeText(name: string, value: string): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const ch = value[i];
		if (ch === '\\') {
			const next = value[++i];
			if (next === 'n' || next === 'N') out += '\n';
			else if (next === '\\' || next === ';' || next === ',') out += next;
			else throw new Error(`${name}: bad escape \\${next}`);
		} else if (ch === ';' || ch === ',') throw new Error(`${name}: unescaped ${ch} in TEXT`);
		else out += ch;
	}
	return out;
}

/** Parse `text` strictly (properties keyed by name, parameters dropped) (RFC 5545 structure); throws with the reason on the first fault. */
export function parseICalendar(text: string): ParsedCalendar {
	if (!text.endsWith('\r\n')) throw new Error('must end with CRLF');
	if (/[^\r]\n/.test(text) || /\r(?!\n)/.test(text)) throw new Error('line endings must all be CRLF');
	const physical = text.slice(0, -2).split('\r\n');
	const encoder = new TextEncoder();
	const logical: string[] = [];
	for (const line of physical) {
		if (encoder.encode(line).length > 75) throw new Error(`line over 75 octets: ${line}`);
		if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(line)) throw new Error(`control character in ${line}`);
		if (line.startsWith(' ') || line.startsWith('\t')) {
			if (logical.length === 0) throw new Error('continuation before any line');
			logical[logical.length - 1] += line.slice(1);
		} else logical.push(line);
	}
	const stack: string[] = [];
	const properties: Record<string, string> = {};
	const events: Record<string, string>[] = [];
	let event: Record<string, string> | null = null;
	for (const line of logical) {
		const m = /^([A-Z][A-Z0-9-]*)((?:;[A-Z-]+=[^:;]*)*):(.*)$/.exec(line);
		if (!m) throw new Error(`not a content line: ${line}`);
		const [, name, , raw] = m;
		if (name === 'BEGIN') {
			stack.push(raw);
			if (raw === 'VEVENT') event = {};
			continue;
		}
		if (name === 'END') {
			if (stack.pop() !== raw) throw new Error(`END:${raw} does not close the open component`);
			if (raw === 'VEVENT') {
				for (const required of ['UID', 'DTSTAMP', 'DTSTART']) if (!event?.[required]) throw new Error(`event without ${required}`);
				events.push(event!);
				event = null;
			}
			continue;
		}
		const value = TEXT.has(name) ? unescapeText(name, raw) : raw;
		if (event) event[name] = value;
		else properties[name] = value;
	}
	if (stack.length > 0) throw new Error(`unclosed ${stack.join(', ')}`);
	if (properties.VERSION !== '2.0' || !properties.PRODID) throw new Error('VCALENDAR needs VERSION:2.0 and PRODID');
	return { properties, events };
}
