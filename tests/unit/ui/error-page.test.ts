// What error pages say, by status and address.
import { describe, expect, it } from 'vitest';
import { explainError } from '../../../src/lib/ui/error-page.js';

describe('explainError', () => {
	it.each([
		[403, '/maps/abc123def456', true, 'This link no longer works', /may have been replaced\. Ask your facilitator for a new link\./],
		[403, '/maps/abc123def456/publish', true, 'This link no longer works', /Ask your facilitator/],
		[403, '/maps/abc123def456', false, 'This map is private', /need a link/],
		[404, '/maps/abc123def456', true, 'No map here', /no map at this address/],
		[400, '/maps/!!', false, 'No map here', /not a map link/],
		[404, '/nowhere', false, 'Page not found', /nothing at this address/],
		[403, '/catalogue/organisations/x/manage', true, 'You cannot see this page', /^Only members can do that\.$/],
		[500, '/maps/abc123def456', true, 'Something went wrong', /Try again/]
	])('%i on %s (key: %s)', (status, path, key, heading, body) => {
		const e = explainError(status, status === 403 && !path.startsWith('/maps') ? 'Only members can do that' : 'This link does not give access to the map', path, key);
		expect(e.heading).toBe(heading);
		expect(e.body.some((p) => body.test(p))).toBe(true);
	});

	it('tells a link of too weak a role from a revoked one', () => {
		const e = explainError(403, 'Only the map’s facilitator link can change how it is published', '/maps/abc123def456/publish', true);
		expect(e.heading).toBe('Only a facilitator can do this');
		expect(e.body[0]).toBe('Only the map’s facilitator link can change how it is published.');
	});

	it('keeps the words for a map file (/maps/<id>.svg) generic', () => {
		expect(explainError(404, 'Not found', '/maps/abc123def456.svg', false).heading).toBe('Page not found');
	});
});
