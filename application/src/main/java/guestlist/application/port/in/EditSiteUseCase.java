package guestlist.application.port.in;

import guestlist.domain.LocalSite;
import guestlist.domain.LocalUser;
import guestlist.domain.SiteChanges;

/** An admin changes the site's settings. */
public interface EditSiteUseCase {

    LocalSite editSite(LocalUser actor, SiteChanges changes);
}
