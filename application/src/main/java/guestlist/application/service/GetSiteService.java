package guestlist.application.service;

import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.SiteView;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;

/** Reading the site and its admins, from the store every time ({@link CachedSite} keeps a copy). */
public final class GetSiteService implements GetSiteUseCase {

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;

    public GetSiteService(Transactions transactions, SiteRepository sites, UserRepository users) {
        this.transactions = transactions;
        this.sites = sites;
        this.users = users;
    }

    @Override
    public SiteView getSite() {
        // two reads, each on its own: a site edited between them shows the old or the new admins
        return transactions.read(() -> new SiteView(sites.get(), users.admins()));
    }
}
