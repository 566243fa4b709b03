package guestlist.adapters.rest.json;

/** {@code GET /health} (Guestlist's own). */
public record HealthResponse(String status, String database) {

    public static final HealthResponse OK = new HealthResponse("ok", "ok");
}
