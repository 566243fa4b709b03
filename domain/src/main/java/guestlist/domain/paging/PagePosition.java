package guestlist.domain.paging;

/**
 * Where the next page of a keyset listing starts: after the item with id {@code lastId}, the last
 * one served (below it for a listing newest first, above it for one oldest first).
 */
public record PagePosition(long lastId) {

    public PagePosition {
        if (lastId < 1) {
            throw new IllegalArgumentException("lastId must be positive");
        }
    }
}
