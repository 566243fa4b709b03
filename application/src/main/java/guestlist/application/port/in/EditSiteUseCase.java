package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;

/** An admin changes the site's settings. */
public interface EditSiteUseCase {

    LocalSite editSite(LocalUser actor, SiteChanges changes);
}
