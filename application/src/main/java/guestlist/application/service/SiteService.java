package guestlist.application.service;

import guestlist.application.port.in.EditSiteUseCase;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.SiteView;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.LocalSite;
import guestlist.domain.LocalUser;
import guestlist.domain.SiteChanges;

/** Reading the site, and its admins changing it. */
public final class SiteService implements GetSiteUseCase, EditSiteUseCase {

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;

    public SiteService(Transactions transactions, SiteRepository sites, UserRepository users) {
        this.transactions = transactions;
        this.sites = sites;
        this.users = users;
    }

    @Override
    public SiteView getSite() {
        // two reads, each on its own: a site edited between them shows the old or the new admins
        return transactions.read(() -> new SiteView(sites.get(), users.admins()));
    }

    @Override
    public LocalSite editSite(LocalUser actor, SiteChanges changes) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, actor);
            return sites.save(sites.get().edit(changes));
        });
    }
}
