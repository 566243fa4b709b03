package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import java.util.List;

public record SiteView(LocalSite site, List<LocalUser> admins) {

    public SiteView {
        admins = List.copyOf(admins);
    }
}
