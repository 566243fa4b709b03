package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.GetSiteResponse;
import guestlist.application.port.in.GetSiteUseCase;
import java.util.Objects;

/** {@code GET /site}: open to all; a token, if sent, is ignored. */
public final class GetSiteHandler implements ApiHandler {

    private final GetSiteUseCase getSite;
    private final String version;

    public GetSiteHandler(GetSiteUseCase getSite, String version) {
        this.getSite = getSite;
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    public GetSiteResponse handle(ApiRequest request) {
        return GetSiteResponse.from(getSite.getSite(), version);
    }
}
