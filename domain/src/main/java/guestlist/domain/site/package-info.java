/** The site and its registration settings. */
package guestlist.domain.site;
