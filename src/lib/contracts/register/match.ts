// Match register rows to the map's components by supplier, product, name and component type, with
// a confidence 0..1 and the reasons; a row matching nothing proposes a new component (when it looks
// like technology) or skipping. Pure: a snapshot and the vocabulary in, proposals out.
import { tokens } from '../../catalogue/text.js';
import type { Vocabulary } from '../../catalogue/types.js';
import type { ComponentId, MapSnapshot } from '../../map/types.js';
import { typeScorer } from './type-evidence.js';
import type { RegisterRow } from './types.js';

/** What to do with a row: onto the proposed component, onto another, as a new component, or not at all. */
export type ProposalAction = 'accept' | 'change' | 'add' | 'skip';

export interface Candidate {
	readonly componentId: ComponentId;
	readonly name: string;
	/** 0..1. */
	readonly confidence: number;
	readonly reasons: readonly string[];
}

export interface Proposal {
	readonly row: RegisterRow;
	readonly action: ProposalAction;
	/** The component proposed (accept) or chosen (change); null for add and skip. */
	readonly componentId: ComponentId | null;
	/** Of the proposed component, or of the new component's type (add), 0..1. */
	readonly confidence: number;
	readonly reasons: readonly string[];
	/** The best few components, best first (for "another component"). */
	readonly candidates: readonly Candidate[];
	/** The vocabulary type suggested for a new component ('' when none is likely). */
	readonly typeId: string;
}

/** Below this a component is not proposed: the row is added as new or skipped. */
export const GOOD_MATCH = 0.45;
/** A type suggestion this sure names a new component's type. */
const LIKELY_TYPE = 0.3;
/** Words that say a contract buys technology (most register rows buy something else). */
const TECH_WORDS = /\b(software|systems?|licen[cs]es?|hosting|hosted|cloud|saas|platform|application|app|digital|it|ict|data|database|network|server|portal|online|cyber|siem|soc|telephony|website|web|microsoft|licensing|helpdesk)\b/i;
/** CPV divisions for IT: software (48), IT services (72), computer equipment (302), telecoms (642). */
const TECH_CPV = /^(48|72|302|642)/;

const WEIGHTS = { supplier: 0.55, product: 0.5, name: 0.3, type: 0.35 };

/** A supplier's name for comparing: case, punctuation and company suffixes gone ("Civica UK Ltd." → "civica"). */
export function normaliseSupplier(name: string): string {
	return name
		.toLowerCase()
		// "M.H.R." is "MHR".
		.replace(/\./g, '')
		.replace(/&/g, ' and ')
		.replace(/\([^)]*\)/g, ' ')
		.replace(/\b(t\/a|trading as)\b.*$/, ' ')
		.replace(/[^a-z0-9]+/g, ' ')
		.replace(/\b(ltd|limited|plc|llp|llc|inc|group|holdings|uk|gb|international|corporation|corp|co|company|the|services|solutions|software|systems)\b/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** 1: the same supplier; 0.8: one name's words start the other's ("civica" and "civica pay"); else 0. */
function supplierScore(row: readonly string[], component: string): number {
	if (!component) return 0;
	let best = 0;
	for (const r of row) {
		if (!r) continue;
		if (r === component) return 1;
		if (`${r} `.startsWith(`${component} `) || `${component} `.startsWith(`${r} `)) best = 0.8;
	}
	return best;
}

/** Share of `words` found in `text` (1: all of them). */
function share(words: readonly string[], text: ReadonlySet<string>): number {
	if (words.length === 0) return 0;
	return words.filter((w) => text.has(w)).length / words.length;
}

interface Prepared {
	readonly id: ComponentId;
	readonly name: string;
	readonly supplier: string;
	readonly product: readonly string[];
	readonly nameWords: readonly string[];
	readonly type: string;
}

/** The components to match against: every component with a name (anchors and notes are not bought). */
function prepare(snapshot: MapSnapshot): Prepared[] {
	return snapshot.components
		.filter((c) => c.kind !== 'anchor' && c.name.trim())
		.map((c) => ({ id: c.id, name: c.name, supplier: normaliseSupplier(c.supplier), product: tokens(c.product), nameWords: tokens(c.name), type: c.componentType }));
}

/** A function matching one row at a time against one map (components prepared once). */
export function createMatcher(snapshot: MapSnapshot, vocabulary: Vocabulary): (row: RegisterRow) => Proposal {
	const components = prepare(snapshot);
	const typeNames = new Map(vocabulary.types.map((t) => [t.id, t.name]));
	const suggest = typeScorer(vocabulary);
	const normalised = new Map<string, string[]>();
	return (row) => {
		const text = `${row.title} ${row.description}`;
		const words = new Set(tokens(text));
		let suppliers = normalised.get(row.supplier);
		if (!suppliers) normalised.set(row.supplier, (suppliers = row.supplier.split(';').map(normaliseSupplier)));
		const types = suggest(text, row.supplier);
		const candidates: Candidate[] = [];
		for (const c of components) {
			const reasons: string[] = [];
			const s = supplierScore(suppliers, c.supplier);
			if (s === 1) reasons.push('same supplier');
			else if (s > 0) reasons.push('similar supplier name');
			const p = share(c.product, words);
			const pScore = p === 1 ? 1 : p >= 0.5 ? p * 0.7 : 0;
			if (pScore === 1) reasons.push('product named in the title or description');
			else if (pScore > 0) reasons.push('part of the product named');
			const n = share(c.nameWords, words);
			const nScore = n === 1 ? 1 : n >= 0.5 ? n * 0.6 : 0;
			if (nScore > 0) reasons.push(n === 1 ? 'component name in the title or description' : 'words of the component name');
			const type = c.type ? types.find((t) => t.typeId === c.type) : undefined;
			const tScore = type ? type.confidence : 0;
			if (tScore >= 0.2) reasons.push(`looks like ${typeNames.get(c.type) ?? c.type}`);
			const confidence =
				1 - (1 - WEIGHTS.supplier * s) * (1 - WEIGHTS.product * pScore) * (1 - WEIGHTS.name * nScore) * (1 - WEIGHTS.type * tScore);
			if (confidence > 0.05) candidates.push({ componentId: c.id, name: c.name, confidence: Math.round(confidence * 100) / 100, reasons });
		}
		candidates.sort((a, b) => b.confidence - a.confidence);
		const top = candidates.slice(0, 5);
		const best = top[0];
		if (best && best.confidence >= GOOD_MATCH) {
			return { row, action: 'accept', componentId: best.componentId, confidence: best.confidence, reasons: best.reasons, candidates: top, typeId: '' };
		}
		const type = types[0] && types[0].confidence >= LIKELY_TYPE ? types[0] : undefined;
		const techCpv = row.cpv.some((c) => TECH_CPV.test(c));
		const techWords = TECH_WORDS.test(text);
		if (techCpv || techWords) {
			const reasons = ['no component matches well'];
			if (type) reasons.push(`looks like ${typeNames.get(type.typeId) ?? type.typeId}`);
			if (techCpv) reasons.push('an IT CPV code');
			else if (techWords) reasons.push('words of technology in the title or description');
			return { row, action: 'add', componentId: null, confidence: type?.confidence ?? 0.5, reasons, candidates: top, typeId: type?.typeId ?? '' };
		}
		return { row, action: 'skip', componentId: null, confidence: 0, reasons: ['no component matches and nothing says it is technology'], candidates: top, typeId: '' };
	};
}

/** Match every row of a register against a map, in the rows' order. */
export function matchRows(rows: readonly RegisterRow[], snapshot: MapSnapshot, vocabulary: Vocabulary): Proposal[] {
	const match = createMatcher(snapshot, vocabulary);
	return rows.map(match);
}
