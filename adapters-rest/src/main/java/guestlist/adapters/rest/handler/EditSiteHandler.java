package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.EditSiteRequest;
import guestlist.adapters.rest.json.SiteResponse;
import guestlist.application.port.in.EditSiteUseCase;
import guestlist.domain.account.LocalUser;

/**
 * {@code PUT /site} (admin): {@code name}, {@code registration_mode}, {@code max_invites_per_user_allowed},
 * {@code application_question}, and Guestlist's {@code invite_min_account_age_hours},
 * {@code invites_per_user_per_day}, {@code invite_signups_per_day}, {@code invites_skip_application};
 * absent = unchanged. Lemmy's many other settings are ignored.
 */
public final class EditSiteHandler implements ApiHandler {

    private final EditSiteUseCase editSite;

    public EditSiteHandler(EditSiteUseCase editSite) {
        this.editSite = editSite;
    }

    @Override
    public SiteResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        return SiteResponse.from(
                editSite.editSite(actor, request.body(EditSiteRequest.class).toChanges()));
    }
}
