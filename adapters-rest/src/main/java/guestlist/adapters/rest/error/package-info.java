/**
 * How refusals reach the wire: {@link guestlist.adapters.rest.error.ErrorTable}, the one table from
 * every domain rule, use-case failure and request error to Lemmy's code and an HTTP status, and the
 * {@code {"error","message"}} envelope that carries it.
 */
package guestlist.adapters.rest.error;
