/** Keyset pages: how many items, and where the next page starts. Cursors on the wire are the REST adapter's. */
package guestlist.domain.paging;
