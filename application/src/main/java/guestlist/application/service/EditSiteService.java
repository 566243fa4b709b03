package guestlist.application.service;

import guestlist.application.port.in.EditSiteUseCase;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;

/** An admin changing the site, as the admin is stored now. */
public final class EditSiteService implements EditSiteUseCase {

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;

    public EditSiteService(Transactions transactions, SiteRepository sites, UserRepository users) {
        this.transactions = transactions;
        this.sites = sites;
        this.users = users;
    }

    @Override
    public LocalSite editSite(LocalUser actor, SiteChanges changes) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, actor);
            return sites.save(sites.get().edit(changes));
        });
    }
}
