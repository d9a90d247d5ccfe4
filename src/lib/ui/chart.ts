// Shared geometry of the small evolution charts on public pages: the evolution axis (0..1 left
// to right) with the stage boundaries maps draw. Pure.
import { STAGE_BOUNDARIES } from '../map/stages.js';

/** The drawn parts of an evolution axis: plain numbers, so a scene can travel as JSON. */
export interface AxisFrame {
	/** Pixel x of evolution 0 and 1. */
	readonly left: number;
	readonly right: number;
	/** Stage dividers and the label centred in each stage. */
	readonly dividers: readonly number[];
	readonly stages: readonly { readonly x: number; readonly label: string }[];
}

export interface Axis extends AxisFrame {
	/** Pixel x of an evolution value. */
	readonly x: (evolution: number) => number;
}

const STAGE_LABELS = ['Genesis', 'Custom-built', 'Product', 'Commodity'];

/** An evolution axis from pixel `left` to `right`. Values outside 0..1 are clamped. */
export function evolutionAxis(left: number, right: number): Axis {
	const x = (e: number) => left + Math.min(1, Math.max(0, Number.isFinite(e) ? e : 0.5)) * (right - left);
	const edges = [0, ...STAGE_BOUNDARIES, 1];
	return {
		x,
		left,
		right,
		dividers: STAGE_BOUNDARIES.map(x),
		stages: STAGE_LABELS.map((label, i) => ({ x: (x(edges[i]) + x(edges[i + 1])) / 2, label }))
	};
}

/** A fixed pseudo-random number in 0..1 for index i (golden-ratio sequence): stable jitter. */
export function jitter(i: number): number {
	return (i * 0.6180339887498949) % 1;
}
