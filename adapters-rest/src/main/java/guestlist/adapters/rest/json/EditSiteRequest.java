package guestlist.adapters.rest.json;

import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;
import guestlist.domain.LocalSite;
import guestlist.domain.RegistrationMode;
import guestlist.domain.SiteChanges;

import java.util.Optional;

/** The body of {@code PUT /site}: absent = unchanged; Lemmy's many other settings are ignored. */
public record EditSiteRequest(String name, String registrationMode, String applicationQuestion,
                              Integer maxInvitesPerUserAllowed) {

    public EditSiteRequest {
        if (maxInvitesPerUserAllowed != null
                && (maxInvitesPerUserAllowed < 0 || maxInvitesPerUserAllowed > LocalSite.MAX_INVITES_PER_USER_LIMIT)) {
            throw new GuestlistException(ErrorCode.BAD_REQUEST, "max_invites_per_user_allowed must be an integer "
                    + "between 0 and " + LocalSite.MAX_INVITES_PER_USER_LIMIT);
        }
    }

    public SiteChanges toChanges() {
        return new SiteChanges(Optional.ofNullable(name),
                Optional.ofNullable(registrationMode).map(RegistrationMode::fromWireName),
                Optional.ofNullable(applicationQuestion), Optional.ofNullable(maxInvitesPerUserAllowed));
    }
}
