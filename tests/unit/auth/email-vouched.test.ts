// emailVouched: which ID-token or userinfo claims prove an email, as domain claims and invitations need.
import { describe, expect, it } from 'vitest';
import { emailVouched } from '../../../server/auth/oidc.js';

describe('emailVouched', () => {
	it('takes email_verified: true, and nothing else shaped like it', () => {
		expect(emailVouched({ email_verified: true })).toBe(true);
		for (const v of [false, 'true', 1, null]) expect(emailVouched({ email_verified: v }), String(v)).toBe(false);
		expect(emailVouched({})).toBe(false);
	});

	it('takes Entra ID’s xms_edov: true only when the provider sends no email_verified', () => {
		expect(emailVouched({ xms_edov: true })).toBe(true);
		expect(emailVouched({ xms_edov: 'true' })).toBe(false);
		// A provider that says the email is not verified is believed, whatever else it sends.
		expect(emailVouched({ email_verified: false, xms_edov: true })).toBe(false);
	});
});
