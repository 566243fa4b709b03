package guestlist.adapters.rest.json;

import guestlist.domain.site.LocalSite;

/** {@code PUT /site}: Lemmy's {@code SiteResponse}. */
public record SiteResponse(SiteViewJson siteView) {

    public static SiteResponse from(LocalSite site) {
        return new SiteResponse(SiteViewJson.from(site));
    }
}
