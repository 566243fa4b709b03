package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.JsonBody;
import guestlist.adapters.rest.json.RegistrationModeJson;
import guestlist.adapters.rest.json.SiteResponse;
import guestlist.application.port.in.EditSiteUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;

/**
 * {@code PUT /site} (admin): {@code name}, {@code registration_mode}, {@code max_invites_per_user_allowed},
 * {@code application_question}; absent = unchanged. Lemmy's many other settings are ignored.
 */
public final class EditSiteHandler implements ApiHandler {

    private final EditSiteUseCase editSite;

    public EditSiteHandler(EditSiteUseCase editSite) {
        this.editSite = editSite;
    }

    @Override
    public SiteResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        JsonBody body = request.body();
        SiteChanges changes = new SiteChanges(
                body.optionalString("name"),
                body.optionalString("registration_mode").map(RegistrationModeJson::parse),
                body.optionalString("application_question"),
                body.optionalInt("max_invites_per_user_allowed", 0, LocalSite.MAX_INVITES_PER_USER_LIMIT));
        return SiteResponse.from(editSite.editSite(actor, changes));
    }
}
