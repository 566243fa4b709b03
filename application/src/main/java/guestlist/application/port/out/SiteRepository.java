package guestlist.application.port.out;

import guestlist.domain.LocalSite;

/** The one site of the installation. It exists from the first start on. */
public interface SiteRepository {

    LocalSite get();

    /** Writes the site's settings and returns them as stored. */
    LocalSite save(LocalSite site);
}
