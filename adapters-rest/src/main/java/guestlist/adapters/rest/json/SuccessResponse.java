package guestlist.adapters.rest.json;

/** Lemmy's {@code SuccessResponse}. */
public record SuccessResponse(boolean success) {

    public static final SuccessResponse SUCCESS = new SuccessResponse(true);
}
