package guestlist.application.port.out;

import guestlist.domain.site.LocalSite;

/** The one site of the installation. It exists from the first start on. */
public interface SiteRepository {

    LocalSite get();

    /**
     * The site, as {@link #get()}, and held until the transaction ends: transactions that lock it
     * run one after another, in every process. For decisions that no row of their own can
     * serialize, such as making the first admin.
     */
    LocalSite lock();

    /** Writes the site's settings and returns them as stored. */
    LocalSite save(LocalSite site);
}
