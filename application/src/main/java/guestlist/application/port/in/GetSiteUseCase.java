package guestlist.application.port.in;

/** The site, its registration settings and its admins. */
public interface GetSiteUseCase {

    SiteView getSite();
}
