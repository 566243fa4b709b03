package guestlist.adapters.rest.json;

import guestlist.domain.site.LocalSite;

/**
 * Lemmy's {@code SiteView}, of which Guestlist has {@code site} and {@code local_site}. Guestlist
 * has one site: the {@code Site} and the {@code LocalSite} both carry the local site's id.
 */
public record SiteViewJson(SiteJson site, LocalSiteJson localSite) {

    public static SiteViewJson from(LocalSite site) {
        String published = Timestamps.format(site.publishedAt());
        return new SiteViewJson(
                new SiteJson(site.id(), site.name(), published),
                new LocalSiteJson(
                        site.id(),
                        site.id(),
                        RegistrationModeJson.name(site.registrationMode()),
                        site.applicationQuestion().orElse(null),
                        site.maxInvitesPerUser(),
                        site.inviteMinAccountAgeHours(),
                        site.invitesPerUserPerDay(),
                        site.inviteSignupsPerDay(),
                        site.invitesSkipApplication(),
                        published));
    }

    /** Lemmy's {@code Site}. */
    public record SiteJson(long id, String name, String publishedAt) {}

    /** Lemmy's {@code LocalSite}, with Guestlist's invite quotas. */
    public record LocalSiteJson(
            long id,
            long siteId,
            String registrationMode,
            String applicationQuestion,
            int maxInvitesPerUserAllowed,
            int inviteMinAccountAgeHours,
            int invitesPerUserPerDay,
            int inviteSignupsPerDay,
            boolean invitesSkipApplication,
            String publishedAt) {}
}
