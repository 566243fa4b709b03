package guestlist.adapters.rest.json;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;
import java.util.Optional;

/**
 * The body of {@code PUT /site}: absent = unchanged; Lemmy's many other settings are ignored. The
 * ranges of Guestlist's invite quotas are the site's rules (the domain's), whose refusals name the
 * field.
 */
public record EditSiteRequest(
        String name,
        String registrationMode,
        String applicationQuestion,
        Integer maxInvitesPerUserAllowed,
        Integer inviteMinAccountAgeHours,
        Integer invitesPerUserPerDay,
        Integer inviteSignupsPerDay,
        Boolean invitesSkipApplication) {

    public EditSiteRequest {
        if (maxInvitesPerUserAllowed != null
                && (maxInvitesPerUserAllowed < 0 || maxInvitesPerUserAllowed > LocalSite.MAX_INVITES_PER_USER_LIMIT)) {
            throw new RequestRefusal(
                    RequestError.BAD_REQUEST,
                    "max_invites_per_user_allowed must be an integer " + "between 0 and "
                            + LocalSite.MAX_INVITES_PER_USER_LIMIT);
        }
    }

    public SiteChanges toChanges() {
        return new SiteChanges(
                Optional.ofNullable(name),
                Optional.ofNullable(registrationMode).map(RegistrationModeJson::parse),
                Optional.ofNullable(applicationQuestion),
                Optional.ofNullable(maxInvitesPerUserAllowed),
                Optional.ofNullable(inviteMinAccountAgeHours),
                Optional.ofNullable(invitesPerUserPerDay),
                Optional.ofNullable(inviteSignupsPerDay),
                Optional.ofNullable(invitesSkipApplication));
    }
}
