/** Invite links: their tokens, the rules that issue and redeem them, and what a registration presents. */
package guestlist.domain.invite;
