/**
 * The policies at the door, which read several aggregates: what a registration does (the site's mode,
 * an invite, an answer) and whether an account may log in yet (its application). They live here rather
 * than in account: site, invite and application name accounts, so account stays free of them and the
 * packages form no cycle.
 */
package guestlist.domain.registration;
