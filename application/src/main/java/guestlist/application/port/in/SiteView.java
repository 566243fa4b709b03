package guestlist.application.port.in;

import guestlist.domain.LocalSite;
import guestlist.domain.LocalUser;

import java.util.List;

public record SiteView(LocalSite site, List<LocalUser> admins) {

    public SiteView {
        admins = List.copyOf(admins);
    }
}
