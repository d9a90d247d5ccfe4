// Compare two maps (side by side, overlay, table, sentences); with fewer than two maps, a picker.
// Maps are the public view unless a key is given (`akey`/`bkey`, or in a pasted map link).
import { focusIds, focusOptions, focusSummary, formatFocus, LGAM_LAYERS, mergeFocusGroups, parseFocus, PER_PAGE, parseSearchQuery } from '$lib/catalogue/index.js';
import { renderSvg } from '$lib/render/index.js';
import { compareRefs, comparisonRows, refParam, scopeParams, shareView } from '$lib/server/catalogue/compare.js';
import { resolveMap } from '$lib/server/catalogue/resolve.js';
import { stackmap } from '$lib/server/context.js';
import { compareOverlay } from '$lib/ui/compare-overlay.js';
import type { PageServerLoad } from './$types';

const svgOf = (s: Parameters<typeof renderSvg>[0], focus?: ReadonlySet<string>) => renderSvg(s, { focus }).replace(/^<\?xml[^>]*>\s*/, '');

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const params = url.searchParams;
	const ra = refParam(params, 'a');
	const rb = refParam(params, 'b');
	if (ra && rb) {
		const scope = scopeParams(params);
		const view = await compareRefs(ra, rb, {}, scope);
		// `?focus=layer:…` dims both drawings alike (a value chain is one map's: not offered here).
		const parsed = parseFocus(params.get('focus'));
		const focus = parsed && parsed.kind !== 'chain' ? parsed : null;
		const inFocus = (m: typeof view.a) => (focus ? focusIds(m.snapshot, focus) : null);
		const side = (m: typeof view.a, name: string) => ({
			id: m.id,
			title: m.title,
			name,
			organisation: m.organisation,
			fictional: m.fictional,
			redaction: m.redaction,
			public: m.access === 'public' && m.visibility !== 'private',
			svg: svgOf(m.snapshot, inFocus(m)?.ids),
			focusSummary: focus ? `${name}: ${focusSummary(inFocus(m)!)}` : ''
		});
		const c = view.comparison;
		return {
			mode: 'compare' as const,
			a: side(view.a, view.names.a),
			b: side(view.b, view.names.b),
			sentences: view.sentences,
			stats: { both: c.both.length, onlyA: c.onlyA.length, onlyB: c.onlyB.length, similarity: c.similarity },
			rows: comparisonRows(c),
			overlay: compareOverlay(c, view.names),
			scope,
			focus: focus ? formatFocus(focus) : '',
			focusGroups: mergeFocusGroups([view.a.snapshot, view.b.snapshot].map((s) => focusOptions(s).filter((g) => g.kind !== 'chain'))),
			layers: LGAM_LAYERS,
			share: shareView(c),
			query: params.toString(),
			swapped: new URLSearchParams([...params].map(([k, v]) => [k.replace(/^a/, '\u0000').replace(/^b/, 'a').replace(/^\u0000/, 'b'), v])).toString()
		};
	}
	// Picking: the first map (if any) and catalogue search results for the other.
	const catalogue = stackmap().catalogue;
	const first = ra ? await resolveMap(ra, { shared: true }) : null;
	const q = (params.get('q') ?? '').trim().slice(0, 200);
	const result = await catalogue.search({ ...parseSearchQuery(new URLSearchParams(q ? { q } : {})), perPage: PER_PAGE });
	return {
		mode: 'pick' as const,
		first: first ? { id: first.id, title: first.title, key: ra?.key ?? null, organisation: first.organisation, fictional: first.fictional } : null,
		q,
		results: result.results.filter((e) => e.id !== first?.id),
		total: result.total,
		similar: first ? await catalogue.similarMaps(first.id, 5) : []
	};
};
