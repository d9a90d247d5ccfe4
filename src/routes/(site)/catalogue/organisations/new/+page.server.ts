// Add an organisation: anyone may; the page shows its admin key once. Whoever holds that key
// (and a map's facilitator link) can put maps under the organisation's name. Being part of
// another organisation needs that organisation's admin key, or waits for its admin's approval.
import { fail } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues } from '$lib/server/catalogue/org-form.js';
import { audit, userLabel } from '$lib/server/catalogue/org-audit.js';
import { firstAdmin } from '$lib/server/catalogue/org-people.js';
import { stackmap } from '$lib/server/context.js';
import type { User } from '$lib/server/context.js';
import type { Actions, PageServerLoad } from './$types';

/** The domains typed, or why they cannot be claimed (nothing typed: none, no error). */
async function claimedDomains(text: string, user: User | null): Promise<{ list: string[]; error?: string }> {
	const auth = stackmap().auth;
	if (!text.trim()) return { list: [] };
	if (!auth.enabled) return { list: [], error: 'Email domains can be claimed only when sign-in is on' };
	const { domains, bad } = auth.parseDomains(text);
	if (bad.length) return { list: [], error: `Enter email domains such as kestrelford.gov.uk (not ${bad[0]})` };
	const orgs = stackmap().catalogue.orgs;
	const problem = await auth.domainProblem(domains, user, (id) => orgs.get(id)?.name ?? 'another organisation');
	return problem ? { list: [], error: problem } : { list: domains };
}

export const load: PageServerLoad = ({ locals }) => ({
	parents: stackmap().catalogue.orgs.all().map((o) => ({ slug: o.slug, name: o.name })),
	/** With sign-in on: the signed-in user's email, whose domain they may claim. */
	claimable: stackmap().auth.enabled ? { email: locals.user?.emailVerified ? locals.user.email : null, signedIn: locals.user !== null } : null
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const values = orgFormValues(form);
		const orgs = stackmap().catalogue.orgs;
		const { input, errors } = await checkOrgForm(values, orgs);
		// Email domains, with sign-in on: claimed only by a verified email at exactly that domain.
		const domainText = String(form.get('domains') ?? '').slice(0, 1000);
		const domains = await claimedDomains(domainText, locals.user);
		// The key is never sent back into the page.
		if (!input || domains.error) return fail(400, { values: { ...values, parentKey: '', domains: domainText }, errors: { ...errors, domains: domains.error } });
		const { organisation, adminKey } = await orgs.create(input, values.parentKey);
		await firstAdmin(organisation.id, locals.user);
		// Another organisation may have claimed a domain since the check: then this one has none.
		const claimed = domains.list.length > 0 && locals.user !== null && (await stackmap().auth.claimDomains(organisation.id, domains.list, locals.user.id));
		if (claimed && locals.user) {
			await audit(organisation.id, userLabel(locals.user), 'email domains claimed', domains.list.join(', '));
		}
		const parent = orgs.get(organisation.parentId);
		const asked = orgs.get(organisation.pendingParentId);
		return {
			created: {
				slug: organisation.slug,
				name: organisation.name,
				adminKey,
				domains: claimed ? domains.list : [],
				/** The signed-in creator is its first admin (sign-in on). */
				admin: stackmap().auth.enabled && locals.user !== null,
				parent: parent ? { slug: parent.slug, name: parent.name } : null,
				asked: asked ? { slug: asked.slug, name: asked.name } : null
			}
		};
	}
};
