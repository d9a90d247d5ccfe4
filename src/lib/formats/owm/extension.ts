// Stackmap's own fields inside OWM text, as `// stackmap: {json}` comment lines that OWM ignores:
// one per component with council fields or a pinned label (matched by name), one for the map
// (description, value-chain labels). Our parser reads them back, so our round trip keeps them.
import { LIFECYCLES, checkContracts, isIsoDate, emptySnapshot, type Component, type Contract, type Lifecycle, type MapMeta } from '../../map/index.js';
import type { CouncilFields } from './drafts.js';

/** The map-level fields the extension carries. */
export interface MapExtension {
	description?: string;
	valueChainLabels?: MapMeta['valueChainLabels'];
	vestingDate?: string;
}

/** A decoded `// stackmap:` comment: for one component (by name) or for the map. */
export type Extension =
	| { kind: 'component'; name: string; fields: Partial<CouncilFields>; labelPinned: boolean; warning?: string }
	| { kind: 'map'; fields: MapExtension };

const DEFAULT_VALUE_CHAIN = emptySnapshot().valueChainLabels;

/** True when a component carries any council field. */
export function hasCouncilFields(
	c: Readonly<Omit<CouncilFields, 'predecessors' | 'contracts'>> & { readonly predecessors: readonly string[]; readonly contracts?: readonly Contract[] }
): boolean {
	return c.componentType !== '' || c.product !== '' || c.supplier !== '' || c.lifecycle !== '' || c.notes !== '' || c.predecessors.length > 0 || (c.contracts?.length ?? 0) > 0;
}

/** The comment line for a component's council fields and label pin, or null when it has neither. */
export function componentExtension(c: Component): string | null {
	// OWM has `label [x, y]` but no pin: without this, an import would make a placed label a hint.
	const pinned = c.labelPinned === true && c.label !== null;
	if (!hasCouncilFields(c) && !pinned) return null;
	const out: Record<string, unknown> = { component: c.name };
	if (pinned) out.labelPinned = true;
	if (c.componentType) out.componentType = c.componentType;
	if (c.product) out.product = c.product;
	if (c.supplier) out.supplier = c.supplier;
	if (c.lifecycle) out.lifecycle = c.lifecycle;
	if (c.notes) out.notes = c.notes;
	if (c.predecessors.length > 0) out.predecessors = c.predecessors;
	if (c.contracts?.length) out.contracts = c.contracts;
	return '// stackmap: ' + JSON.stringify(out);
}

/** The comment line for map fields OWM has no syntax for, or null when they are defaults. */
export function mapExtension(m: MapMeta): string | null {
	const out: MapExtension = {};
	if (m.description) out.description = m.description;
	const v = m.valueChainLabels;
	if (v.axis !== DEFAULT_VALUE_CHAIN.axis || v.top !== DEFAULT_VALUE_CHAIN.top || v.bottom !== DEFAULT_VALUE_CHAIN.bottom) {
		out.valueChainLabels = { axis: v.axis, top: v.top, bottom: v.bottom };
	}
	if (m.vestingDate) out.vestingDate = m.vestingDate;
	return Object.keys(out).length > 0 ? '// stackmap: ' + JSON.stringify({ map: out }) : null;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** Read an extension comment's JSON; an error message when it cannot be used. */
export function readExtension(json: string): Extension | { error: string } {
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		return { error: 'unreadable stackmap comment (not JSON); ignored' };
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: 'stackmap comment must be a JSON object; ignored' };
	const o = data as Record<string, unknown>;
	if (o.map && typeof o.map === 'object') {
		const m = o.map as Record<string, unknown>;
		const fields: MapExtension = {};
		if (text(m.description) !== undefined) fields.description = m.description as string;
		if (isIsoDate(text(m.vestingDate) ?? '')) fields.vestingDate = m.vestingDate as string;
		const v = m.valueChainLabels as Record<string, unknown> | undefined;
		if (v && typeof v === 'object') {
			fields.valueChainLabels = {
				axis: text(v.axis) ?? DEFAULT_VALUE_CHAIN.axis,
				top: text(v.top) ?? DEFAULT_VALUE_CHAIN.top,
				bottom: text(v.bottom) ?? DEFAULT_VALUE_CHAIN.bottom
			};
		}
		return { kind: 'map', fields };
	}
	const name = text(o.component);
	if (name === undefined) return { error: 'stackmap comment names no component; ignored' };
	const fields: Partial<CouncilFields> = {};
	for (const key of ['componentType', 'product', 'supplier', 'notes'] as const) {
		const value = text(o[key]);
		if (value !== undefined) fields[key] = value;
	}
	const lifecycle = text(o.lifecycle);
	if (lifecycle !== undefined && (LIFECYCLES as readonly string[]).includes(lifecycle)) fields.lifecycle = lifecycle as Lifecycle;
	if (Array.isArray(o.predecessors)) fields.predecessors = o.predecessors.filter((p): p is string => typeof p === 'string');
	const labelPinned = o.labelPinned === true;
	if (o.contracts === undefined) return { kind: 'component', name, fields, labelPinned };
	try {
		const contracts = checkContracts(o.contracts);
		if (contracts.length > 0) fields.contracts = contracts;
		return { kind: 'component', name, fields, labelPinned };
	} catch (e) {
		// The component's other fields still apply; its contracts are left as they were.
		return { kind: 'component', name, fields, labelPinned, warning: `stackmap comment for "${name}": ${e instanceof Error ? e.message : 'unreadable contracts'}; contracts ignored` };
	}
}
