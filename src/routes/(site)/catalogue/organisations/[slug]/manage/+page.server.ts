// Manage an organisation with its admin key (`?key=` or the posted `key` field): its profile, the
// organisations asking to be part of it (approve or decline), its members (remove) and its API
// tokens (create, shown once; revoke). An admin token (see org-tokens.ts) works as the key does,
// and so does being signed in as one of its admins, who also manage its people (org-people.ts).
import { fail, isHttpError } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues, requestedParent } from '$lib/server/catalogue/org-form.js';
import { changeMember, type MemberChange } from '$lib/server/catalogue/org-members.js';
import { createToken, requireOrgAdmin, revokeToken, tokenView } from '$lib/server/catalogue/org-tokens.js';
import { audit, auditView, changedFields } from '$lib/server/catalogue/org-audit.js';
import { invitePerson, peopleOf, removePerson, setPersonRole, withdrawInvite } from '$lib/server/catalogue/org-people.js';
import { stackmap } from '$lib/server/context.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function requireOrgKey(slug: string, key: string | null) {
	return requireOrgAdmin(slug, key, 'This link does not give access: it needs the organisation’s admin key or an admin token');
}

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const key = url.searchParams.get('key') ?? '';
	const { org } = await requireOrgKey(params.slug, key);
	const orgs = stackmap().catalogue.orgs;
	const parent = orgs.get(org.parentId);
	const asked = orgs.get(org.pendingParentId);
	const brief = (o: { slug: string; name: string }) => ({ slug: o.slug, name: o.name });
	setHeaders({ 'cache-control': 'no-store' });
	return {
		key,
		org: brief(org),
		values: {
			name: org.name,
			type: org.type,
			region: org.region,
			parent: requestedParent(org, orgs),
			website: org.website,
			description: org.description
		},
		parentNote: asked
			? `Waiting for ${asked.name}’s admin to approve. Until then ${org.name} is ${parent ? `listed as part of ${parent.name}` : 'not listed as part of any organisation'}.`
			: '',
		parents: orgs.all().filter((o) => o.id !== org.id).map(brief),
		members: orgs.children(org.id).map(brief),
		requests: orgs.requests(org.id).map(brief),
		tokens: (await orgs.tokens.list(org.id)).map(tokenView),
		/** With sign-in on: its people and invitations (null with sign-in off). */
		people: stackmap().auth.enabled ? await peopleOf(org) : null,
		audit: (await orgs.audit.list(org.id, 50)).map(auditView)
	};
};

async function member(event: RequestEvent, change: MemberChange) {
	const form = await event.request.formData();
	const { member, done } = await changeMember(event.params.slug, String(form.get('member') ?? ''), String(form.get('key') ?? ''), change);
	return { member: { slug: member.slug, name: member.name, done } };
}

export const actions: Actions = {
	save: async ({ params, request }) => {
		const form = await request.formData();
		const { org, actor } = await requireOrgKey(params.slug, String(form.get('key') ?? ''));
		const catalogue = stackmap().catalogue;
		const values = orgFormValues(form);
		const { input, errors } = await checkOrgForm(values, catalogue.orgs, org.id);
		if (!input) return fail(400, { values: { ...values, parentKey: '' }, errors });
		const updated = await catalogue.orgs.update(org.id, input, values.parentKey);
		await catalogue.index.refreshOrganisation(org.id);
		await audit(org.id, actor.label, 'profile changed', changedFields(org, updated));
		return { saved: true };
	},
	approve: (event) => member(event, 'approve'),
	decline: (event) => member(event, 'release'),
	remove: (event) => member(event, 'release'),
	createToken: async ({ params, request }) => {
		const form = await request.formData();
		const { token, info } = await createToken(params.slug, String(form.get('key') ?? ''), form.get('name'), form.get('scope'));
		return { token: { ...info, token } };
	},
	revokeToken: async ({ params, request }) => {
		const form = await request.formData();
		return { revoked: await revokeToken(params.slug, String(form.get('key') ?? ''), form.get('token')) };
	},
	invite: async ({ params, request }) => {
		const form = await request.formData();
		try {
			return { invited: await invitePerson(params.slug, String(form.get('key') ?? ''), form.get('email'), form.get('role')) };
		} catch (err) {
			if (isHttpError(err) && err.status === 400) return fail(400, { inviteError: err.body.message, email: String(form.get('email') ?? '').slice(0, 300) });
			throw err;
		}
	},
	withdraw: async ({ params, request }) => {
		const form = await request.formData();
		return { withdrawn: await withdrawInvite(params.slug, String(form.get('key') ?? ''), form.get('email')) };
	},
	role: async ({ params, request }) => {
		const form = await request.formData();
		try {
			return { role: await setPersonRole(params.slug, String(form.get('key') ?? ''), form.get('person'), form.get('role')) };
		} catch (err) {
			if (isHttpError(err) && err.status === 409) return fail(409, { peopleError: err.body.message });
			throw err;
		}
	},
	removePerson: async ({ params, request }) => {
		const form = await request.formData();
		try {
			return { removedPerson: await removePerson(params.slug, String(form.get('key') ?? ''), form.get('person')) };
		} catch (err) {
			if (isHttpError(err) && err.status === 409) return fail(409, { peopleError: err.body.message });
			throw err;
		}
	}
};
