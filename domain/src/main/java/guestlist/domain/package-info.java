/**
 * Guestlist's rules in plain Java, one package per aggregate. A rule that refuses throws a
 * {@link guestlist.domain.Refusal} naming its {@link guestlist.domain.Rule}; how a client is told is
 * the adapters' business.
 */
package guestlist.domain;
