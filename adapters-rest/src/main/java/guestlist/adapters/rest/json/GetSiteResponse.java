package guestlist.adapters.rest.json;

import guestlist.application.port.in.SiteView;
import java.util.List;

/** {@code GET /site}. */
public record GetSiteResponse(SiteViewJson siteView, List<AdminJson> admins, String version) {

    public static GetSiteResponse from(SiteView view, String version) {
        return new GetSiteResponse(
                SiteViewJson.from(view.site()),
                view.admins().stream().map(AdminJson::from).toList(),
                version);
    }
}
