// The review step of a contract register import: each row's choice (a component, a new component,
// skip), the options offered, what a facilitator's locks refuse, and the decisions Apply writes.
// Pure: the dialog component holds the state and calls these.
import { formatMoney } from '../map/contracts.js';
import type { Component, ComponentId, ToolKind } from '../map/index.js';
import { sourceLabel, type Decision, type Proposal } from '../contracts/register/index.js';

/** A row's choice in the review: a component's id prefixed `c:`, `new` or `skip`. */
export type Choice = `c:${string}` | 'new' | 'skip';

export interface ChoiceOption {
	readonly value: Choice;
	readonly label: string;
}

/** The choice the matcher proposes for a row. */
export function proposedChoice(p: Proposal): Choice {
	if (p.action === 'add') return 'new';
	if (p.action === 'skip' || !p.componentId) return 'skip';
	return `c:${p.componentId}`;
}

/**
 * The options for a row: the proposed component first (marked), the other likely ones, then every
 * other component, then a new component and skip.
 */
export function choiceOptions(p: Proposal, components: readonly Pick<Component, 'id' | 'name' | 'kind'>[]): ChoiceOption[] {
	const out: ChoiceOption[] = [];
	const seen = new Set<string>();
	const push = (id: ComponentId, name: string, note = '') => {
		if (seen.has(id)) return;
		seen.add(id);
		out.push({ value: `c:${id}`, label: `Add to ${name}${note}` });
	};
	for (const c of p.candidates) {
		const proposed = p.action === 'accept' && c.componentId === p.componentId;
		push(c.componentId, c.name, proposed ? ` (proposed, ${percent(c.confidence)})` : ` (${percent(c.confidence)})`);
	}
	for (const c of components) if (c.kind !== 'anchor' && c.name.trim()) push(c.id, c.name);
	out.push({ value: 'new', label: p.action === 'add' ? 'Add as a new component (proposed)' : 'Add as a new component' });
	out.push({ value: 'skip', label: p.action === 'skip' ? 'Skip (proposed)' : 'Skip' });
	return out;
}

/** "72%" for a confidence 0..1. */
export function percent(confidence: number): string {
	return `${Math.round(confidence * 100)}%`;
}

/**
 * Why this row's choice cannot be written now (a facilitator's lock on the component, or adding
 * not allowed); null when it can. `refusal` is the editor's (kind, element id) → sentence.
 */
export function blocked(choice: Choice, refusal: (kind: ToolKind, id?: string) => string | null): string | null {
	if (choice === 'skip') return null;
	if (choice === 'new') return refusal('add');
	return refusal('edit', choice.slice(2));
}

/** The decision Apply writes for a row and its choice. */
export function decisionOf(p: Proposal, choice: Choice): Decision {
	if (choice === 'skip') return { row: p.row, action: 'skip', componentId: null, typeId: '' };
	if (choice === 'new') return { row: p.row, action: 'add', componentId: null, typeId: p.typeId };
	const id = choice.slice(2) as ComponentId;
	return { row: p.row, action: id === p.componentId ? 'accept' : 'change', componentId: id, typeId: '' };
}

/** What a row says, in a line: reference, title, supplier, value, dates. */
export function rowSummary(p: Proposal): { readonly where: string; readonly what: string; readonly facts: string } {
	const r = p.row;
	const value = formatMoney(r.wholeLifeValue) || (r.annualValue ? `${formatMoney(r.annualValue)} a year` : '');
	const dates = r.start || r.end ? `${r.start || '…'} to ${r.end || '…'}` : '';
	return {
		where: sourceLabel(r.source),
		what: [r.reference, r.title || r.description].filter(Boolean).join(': '),
		facts: [r.supplier, value, dates].filter(Boolean).join(' · ')
	};
}

/** Counts for the review's summary line. */
export function reviewCounts(choices: readonly Choice[], blockedFlags: readonly boolean[]): { existing: number; added: number; skipped: number; refused: number } {
	let existing = 0;
	let added = 0;
	let skipped = 0;
	let refused = 0;
	choices.forEach((c, i) => {
		if (c === 'skip') skipped++;
		else if (blockedFlags[i]) refused++;
		else if (c === 'new') added++;
		else existing++;
	});
	return { existing, added, skipped, refused };
}
