/**
 * What admins do about accounts and their invites: bans, withdrawing the right to invite, revoking
 * invites, for one account or its whole invite branch, and the log that records each of them.
 */
package guestlist.domain.moderation;
