// GET /catalogue/maps/<id>/map.svg — the published map as the SVG export (withheld details
// removed); also the catalogue's thumbnails. `?focus=` dims what is out of focus, as on the page.
import { renderSvg } from '$lib/render/index.js';
import { publicMap } from '$lib/server/catalogue/public-map.js';
import { focusParam } from '$lib/server/map-files.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const map = await publicMap(params.id, requestKey(url, request));
	return new Response(renderSvg(map.snapshot, { focus: focusParam(url, map.snapshot) }), {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'cache-control': map.shared ? 'no-store' : 'public, max-age=30',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
};
