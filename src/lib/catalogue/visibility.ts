// Who may see a map: only people with one of its links (private), anyone with its address
// (unlisted), or everyone, listed in the catalogue (published). Shared by the server and pages.

export type Visibility = 'private' | 'unlisted' | 'published';

export const VISIBILITIES: readonly Visibility[] = ['private', 'unlisted', 'published'];
