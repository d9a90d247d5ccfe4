// Formatting for the public pages, in GOV.UK style ('24 November 2026', '1,204'). Pure; UTC so
// the server and the browser render the same text.
import { stageOf } from '../map/stages.js';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const NUMBER = new Intl.NumberFormat('en-GB');

/** '24 November 2026' (empty for no date). */
export function formatDate(ms: number | null | undefined): string {
	return ms ? DATE.format(new Date(ms)) : '';
}

/** '1,204'. */
export function formatNumber(n: number): string {
	return NUMBER.format(n);
}

/** '1 map', '3 maps'. */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** An evolution value as two decimals. */
export function formatEvolution(x: number): string {
	return Number.isFinite(x) ? x.toFixed(2) : '';
}

const STAGE_NAMES = { genesis: 'Genesis', custom: 'Custom-built', product: 'Product', commodity: 'Commodity' } as const;

/** The stage an evolution value falls in, by the boundaries maps draw: 'Product'. */
export function stageName(x: number): string {
	return STAGE_NAMES[stageOf(x)];
}

/** A signed difference: '+0.12', '−0.30', '0.00'. */
export function formatDelta(d: number): string {
	const s = Math.abs(d).toFixed(2);
	return d > 0.004 ? `+${s}` : d < -0.004 ? `−${s}` : '0.00';
}

const SOURCING = { build: 'Build', buy: 'Buy', outsource: 'Outsource' } as const;

export function sourcingLabel(s: string): string {
	return SOURCING[s as keyof typeof SOURCING] ?? '';
}

/** Cut text to about `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6)).trimEnd()}…`;
}
