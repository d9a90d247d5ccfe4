// Reading spreadsheet cells into model values: positions, stages, lifecycle, sourcing, kind.
// Tolerant of how people write them ("65%", "0,65", "In use", "Bought in"). Pure.
import type { Stage } from '../../map/stages.js';
import { STAGE_BOUNDARIES } from '../../map/stages.js';
import type { ComponentKind, Lifecycle } from '../../map/types.js';
import type { Sourcing } from '../../catalogue/types.js';

/** A parsed position, with a note when it had to be reinterpreted. */
export interface ParsedPosition {
	readonly value: number;
	readonly warning?: string;
}

const STAGE_WORDS: Record<string, Stage> = {
	genesis: 'genesis',
	i: 'genesis',
	custom: 'custom',
	'custom built': 'custom',
	'custom-built': 'custom',
	ii: 'custom',
	product: 'product',
	'product rental': 'product',
	iii: 'product',
	commodity: 'commodity',
	utility: 'commodity',
	'commodity utility': 'commodity',
	iv: 'commodity'
};

/** The stage a word names ('Product', 'Custom-built', 'IV'), or undefined. */
export function parseStage(cell: string): Stage | undefined {
	const key = cell.toLowerCase().replace(/[()+]/g, ' ').replace(/\s+/g, ' ').trim();
	return STAGE_WORDS[key];
}

/** Evolution range of a stage by the boundaries the map draws. */
export function stageRange(stage: Stage): [number, number] {
	const [b1, b2, b3] = STAGE_BOUNDARIES;
	return stage === 'genesis' ? [0, b1] : stage === 'custom' ? [b1, b2] : stage === 'product' ? [b2, b3] : [b3, 1];
}

/**
 * A position cell as 0..1: '0.65', '0,65' and '65%' all give 0.65; a bare number in 1..100 is read
 * as a percentage; values outside 0..1 are clamped. undefined for an empty or unreadable cell.
 */
export function parsePosition(cell: string): ParsedPosition | undefined {
	const text = cell.trim();
	if (!text) return undefined;
	const percent = text.endsWith('%');
	const numeric = (percent ? text.slice(0, -1) : text).trim().replace(/^(-?\d*),(\d+)$/, '$1.$2');
	if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(numeric)) return undefined;
	let value = Number(numeric);
	if (percent) value /= 100;
	else if (value > 1 && value <= 100) return { value: value / 100, warning: `read ${text} as ${value}%` };
	if (value < 0 || value > 1) return { value: Math.min(1, Math.max(0, value)), warning: `${text} is outside 0..1; clamped` };
	return { value };
}

const LIFECYCLE_WORDS: [RegExp, Lifecycle][] = [
	[/^(live|in use|in service|active|production|current|operational|pilot|piloting)$/, 'live'],
	[/^(planned|plan|future|proposed|procuring|in procurement|to be|to-be|target|pipeline)$/, 'planned'],
	[/^(legacy|old|end of life|eol|unsupported)$/, 'legacy'],
	[/^(retiring|being retired|being replaced|sunset|sunsetting|decommissioning|phasing out)$/, 'retiring'],
	[/^(retired|decommissioned|closed|switched off|gone)$/, 'retired']
];

/** A lifecycle cell as the model's Lifecycle ('In use' → 'live'); undefined when not recognised. */
export function parseLifecycle(cell: string): Lifecycle | undefined {
	const text = cell.trim().toLowerCase();
	if (!text) return '';
	return LIFECYCLE_WORDS.find(([re]) => re.test(text))?.[1];
}

/** A sourcing cell as build/buy/outsource ('In-house' → build); undefined for others (national, shared…). */
export function parseSourcing(cell: string): Sourcing | undefined {
	const text = cell.trim().toLowerCase();
	if (!text) return '';
	if (/^(build|built|bespoke|in[- ]?house|custom|developed)\b/.test(text)) return 'build';
	if (/^(buy|bought|purchased?|cots|saas|off[- ]the[- ]shelf|licensed|product)\b/.test(text)) return 'buy';
	if (/^(outsource|outsourced|managed service|contracted out)\b/.test(text)) return 'outsource';
	return undefined;
}

/** A kind cell: 'anchor' (or 'user need', 'need'), 'submap', else 'component'. */
export function parseKind(cell: string): ComponentKind {
	const text = cell.trim().toLowerCase();
	if (text === 'anchor' || text === 'user need' || text === 'need' || text === 'user') return 'anchor';
	if (text === 'submap') return 'submap';
	return 'component';
}
