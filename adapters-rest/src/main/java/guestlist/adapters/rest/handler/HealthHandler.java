package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.HealthResponse;
import guestlist.application.port.in.CheckHealthUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: ok, or {@code 503 service_unavailable} when the database does not answer. */
public final class HealthHandler implements ApiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

    private final CheckHealthUseCase health;

    public HealthHandler(CheckHealthUseCase health) {
        this.health = health;
    }

    @Override
    public HealthResponse handle(ApiRequest request) {
        boolean reachable;
        try {
            reachable = health.databaseReachable();
        } catch (RuntimeException failure) {
            // a health check that fails is an answer too: not healthy
            LOG.warn("the health check failed", failure);
            reachable = false;
        }
        if (!reachable) {
            throw new RequestRefusal(RequestError.SERVICE_UNAVAILABLE, "the database cannot be reached");
        }
        return HealthResponse.OK;
    }
}
