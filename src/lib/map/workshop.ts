// Workshop state inside a map's document: map and element locks, the tools participants may use,
// a shared timer and "bring everyone to me". Only facilitators write it (the server refuses anyone
// else's update that touches it); everyone reads it with readWorkshop(doc). Layout: docs/workshops.md.
import * as Y from 'yjs';
import { ModelError, LOCAL_ORIGIN } from './commands.js';

export { restoreSnapshot, type RestoreResult } from './restore.js';

/** Name of the workshop's root Y.Map in the document (next to `meta` and the collections). */
export const WORKSHOP_ROOT = 'workshop';

/** What a map link grants: facilitator ⊃ participant (edit) ⊃ viewer. */
export type Role = 'facilitator' | 'participant' | 'viewer';

/** Longest name of a named snapshot of the map, characters. */
export const MAX_SNAPSHOT_NAME = 100;

/** What a change does, as the server classifies it and as a facilitator may allow it. */
export type ToolKind = 'add' | 'move' | 'edit' | 'delete' | 'link';
export const TOOL_KINDS: readonly ToolKind[] = ['add', 'move', 'edit', 'delete', 'link'];

/** A shared countdown. Times are epoch ms from the facilitator's clock. */
export interface WorkshopTimer {
	/** When the countdown (last) started; moved forward by the length of each pause. */
	readonly startedAt: number;
	/** Total length including added time, ms. */
	readonly durationMs: number;
	/** When it was paused, or null while it runs. */
	readonly pausedAt: number | null;
}

/** A view of the map that does not depend on screen size: its centre in map coordinates and a zoom factor (1 = whole map). */
export interface Viewport {
	readonly evolution: number;
	readonly visibility: number;
	readonly zoom: number;
}

/** A facilitator's "bring everyone to me": clients move to `viewport` once per new `seq`. */
export interface Summon {
	readonly viewport: Viewport;
	readonly seq: number;
	/** Display name of the facilitator who asked. */
	readonly by: string;
	/** Epoch ms when asked (clients may ignore old requests when they join). */
	readonly at: number;
}

export interface WorkshopState {
	/** Participants cannot change anything. */
	readonly mapLocked: boolean;
	/** Ids of elements participants cannot move, edit or delete, sorted. */
	readonly locked: readonly string[];
	/** Who locked each locked element (their display name; '' when not recorded). */
	readonly lockedBy: Readonly<Record<string, string>>;
	/** The operation kinds participants may use; null means all. */
	readonly tools: readonly ToolKind[] | null;
	readonly timer: WorkshopTimer | null;
	readonly summon: Summon | null;
}

const LOCK_PREFIX = 'lock:';
const MAX_IDS = 10_000;
/** Longest name kept for who locked an element or asked everyone over, characters. */
const MAX_BY = 100;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function workshopMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(WORKSHOP_ROOT);
}

function finite(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

function readTimer(v: unknown): WorkshopTimer | null {
	const t = v as Partial<WorkshopTimer> | null | undefined;
	if (!t || typeof t !== 'object' || !finite(t.startedAt) || !finite(t.durationMs)) return null;
	return { startedAt: t.startedAt, durationMs: t.durationMs, pausedAt: finite(t.pausedAt) ? t.pausedAt : null };
}

function readViewport(v: unknown): Viewport | null {
	const p = v as Partial<Viewport> | null | undefined;
	if (!p || typeof p !== 'object' || !finite(p.evolution) || !finite(p.visibility) || !finite(p.zoom)) return null;
	return { evolution: p.evolution, visibility: p.visibility, zoom: p.zoom };
}

function readSummon(v: unknown): Summon | null {
	const s = v as Partial<Summon> | null | undefined;
	const viewport = s && typeof s === 'object' ? readViewport(s.viewport) : null;
	if (!s || !viewport || !finite(s.seq) || !finite(s.at)) return null;
	return { viewport, seq: s.seq, by: typeof s.by === 'string' ? s.by : '', at: s.at };
}

const cache = new WeakMap<Y.Doc, { state: WorkshopState | null }>();
const lockSets = new WeakMap<WorkshopState, ReadonlySet<string>>();

/** The workshop settings as a frozen plain object; the same object until the workshop map changes. */
export function readWorkshop(doc: Y.Doc): WorkshopState {
	let entry = cache.get(doc);
	if (!entry) {
		const e = { state: null as WorkshopState | null };
		workshopMap(doc).observeDeep(() => (e.state = null));
		cache.set(doc, (entry = e));
	}
	if (entry.state) return entry.state;
	const m = workshopMap(doc);
	const locked: string[] = [];
	const lockedBy: Record<string, string> = {};
	m.forEach((v, key) => {
		if (!key.startsWith(LOCK_PREFIX)) return;
		// `true` is a lock written before locks recorded who set them.
		const by = v === true ? '' : lockOwner(v);
		if (by === null) return;
		const id = key.slice(LOCK_PREFIX.length);
		locked.push(id);
		lockedBy[id] = by;
	});
	locked.sort();
	const tools = m.get('tools');
	const state: WorkshopState = Object.freeze({
		mapLocked: m.get('mapLocked') === true,
		locked: Object.freeze(locked),
		lockedBy: Object.freeze(lockedBy),
		tools: Array.isArray(tools) ? Object.freeze(TOOL_KINDS.filter((k) => tools.includes(k))) : null,
		timer: readTimer(m.get('timer')),
		summon: readSummon(m.get('summon'))
	});
	lockSets.set(state, new Set(locked));
	entry.state = state;
	return state;
}

/** Who set a lock value `{by}`, or null when `v` is not one. */
function lockOwner(v: unknown): string | null {
	const l = v as { by?: unknown } | null;
	if (!l || typeof l !== 'object' || typeof l.by !== 'string') return null;
	return l.by.slice(0, MAX_BY);
}

/** True when element `id` is locked (by an element lock; see `mapLocked` for the whole map). */
export function isLocked(state: WorkshopState, id: string): boolean {
	return (lockSets.get(state) ?? new Set(state.locked)).has(id);
}

/** Who locked element `id` ('' when not recorded), or null when it is not locked. */
export function lockedBy(state: WorkshopState, id: string): string | null {
	return isLocked(state, id) ? (state.lockedBy[id] ?? '') : null;
}

/** True when participants may use operations of `kind`. */
export function toolAllowed(state: WorkshopState, kind: ToolKind): boolean {
	return state.tools === null || state.tools.includes(kind);
}

// ---- commands (facilitators only; each one transaction with `origin`) ------------------------

/** Lock (true) or unlock (false) the whole map for participants. */
export function lockMap(doc: Y.Doc, locked: boolean, origin: unknown = LOCAL_ORIGIN): void {
	doc.transact(() => workshopMap(doc).set('mapLocked', locked === true), origin);
}

function checkIds(ids: readonly string[]): void {
	if (ids.length > MAX_IDS) throw new ModelError(`at most ${MAX_IDS} elements at once`);
	for (const id of ids) if (typeof id !== 'string' || !ID.test(id)) throw new ModelError(`bad element id ${String(id)}`);
}

/**
 * Lock elements (any collection) so participants cannot move, edit or delete them. `by` is the
 * display name of who locks them, shown next to the lock ("Locked by Sam (facilitator)").
 */
export function lockElements(doc: Y.Doc, ids: readonly string[], origin: unknown = LOCAL_ORIGIN, by = ''): void {
	checkIds(ids);
	if (typeof by !== 'string' || by.length > MAX_BY) throw new ModelError(`by must be a name of at most ${MAX_BY} characters`);
	const m = workshopMap(doc);
	const before = readWorkshop(doc);
	doc.transact(() => {
		for (const id of ids) if (!isLocked(before, id)) m.set(LOCK_PREFIX + id, { by });
	}, origin);
}

/** Unlock elements; ids that are not locked are ignored. */
export function unlockElements(doc: Y.Doc, ids: readonly string[], origin: unknown = LOCAL_ORIGIN): void {
	checkIds(ids);
	const m = workshopMap(doc);
	doc.transact(() => {
		for (const id of ids) if (m.has(LOCK_PREFIX + id)) m.delete(LOCK_PREFIX + id);
	}, origin);
}

/** Allow participants only these operation kinds (e.g. ['add', 'move']); null allows all again. */
export function restrictTools(doc: Y.Doc, kinds: readonly ToolKind[] | null, origin: unknown = LOCAL_ORIGIN): void {
	if (kinds !== null) for (const k of kinds) if (!TOOL_KINDS.includes(k)) throw new ModelError(`unknown tool kind ${String(k)}`);
	const m = workshopMap(doc);
	doc.transact(() => {
		if (kinds === null) m.delete('tools');
		else m.set('tools', TOOL_KINDS.filter((k) => kinds.includes(k)));
	}, origin);
}

function checkMs(ms: number, what: string): number {
	if (!finite(ms) || ms < 0 || ms > 24 * 3600_000) throw new ModelError(`${what} must be 0..24 h in ms`);
	return Math.round(ms);
}

/** Start (or restart) the shared timer for `durationMs` from `now`. */
export function startTimer(doc: Y.Doc, durationMs: number, origin: unknown = LOCAL_ORIGIN, now = Date.now()): void {
	const timer: WorkshopTimer = { startedAt: now, durationMs: checkMs(durationMs, 'duration'), pausedAt: null };
	doc.transact(() => workshopMap(doc).set('timer', timer), origin);
}

/** Pause a running timer at `now`; nothing happens if there is none or it is paused. */
export function pauseTimer(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN, now = Date.now()): void {
	const t = readWorkshop(doc).timer;
	if (!t || t.pausedAt !== null) return;
	doc.transact(() => workshopMap(doc).set('timer', { ...t, pausedAt: now }), origin);
}

/** Resume a paused timer: the pause does not count. */
export function resumeTimer(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN, now = Date.now()): void {
	const t = readWorkshop(doc).timer;
	if (!t || t.pausedAt === null) return;
	doc.transact(() => workshopMap(doc).set('timer', { startedAt: t.startedAt + (now - t.pausedAt!), durationMs: t.durationMs, pausedAt: null }), origin);
}

/** Add `ms` to the timer (negative takes time away, never below what has already run). */
export function addTime(doc: Y.Doc, ms: number, origin: unknown = LOCAL_ORIGIN, now = Date.now()): void {
	if (!finite(ms) || Math.abs(ms) > 24 * 3600_000) throw new ModelError('time to add must be within ±24 h in ms');
	const t = readWorkshop(doc).timer;
	if (!t) throw new ModelError('no timer is running');
	const elapsed = (t.pausedAt ?? now) - t.startedAt;
	const durationMs = Math.max(elapsed, t.durationMs + Math.round(ms));
	doc.transact(() => workshopMap(doc).set('timer', { ...t, durationMs }), origin);
}

/** Remove the timer. */
export function stopTimer(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN): void {
	doc.transact(() => workshopMap(doc).delete('timer'), origin);
}

/** Milliseconds left on `timer` at `now` (0 when finished; at most its duration, for a clock behind the facilitator's). */
export function timerRemaining(timer: WorkshopTimer, now = Date.now()): number {
	return Math.min(timer.durationMs, Math.max(0, timer.durationMs - ((timer.pausedAt ?? now) - timer.startedAt)));
}

/** 'running', 'paused' or 'finished' at `now`. */
export function timerStatus(timer: WorkshopTimer, now = Date.now()): 'running' | 'paused' | 'finished' {
	if (timerRemaining(timer, now) === 0) return 'finished';
	return timer.pausedAt === null ? 'running' : 'paused';
}

/** Ask everyone to move to `viewport` ("bring everyone to me"). Returns the request's sequence number. */
export function bringEveryoneToMe(doc: Y.Doc, viewport: Viewport, by: string, origin: unknown = LOCAL_ORIGIN, now = Date.now()): number {
	if (!readViewport(viewport)) throw new ModelError('viewport needs finite evolution, visibility and zoom');
	if (typeof by !== 'string' || by.length > MAX_BY) throw new ModelError(`by must be a name of at most ${MAX_BY} characters`);
	const seq = (readWorkshop(doc).summon?.seq ?? 0) + 1;
	const summon: Summon = { viewport: { evolution: viewport.evolution, visibility: viewport.visibility, zoom: viewport.zoom }, seq, by, at: now };
	doc.transact(() => workshopMap(doc).set('summon', summon), origin);
	return seq;
}

/** Clear every workshop setting (locks, tools, timer, summon): the map is open again. */
export function endWorkshop(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN): void {
	const m = workshopMap(doc);
	doc.transact(() => {
		for (const key of [...m.keys()]) m.delete(key);
	}, origin);
}
