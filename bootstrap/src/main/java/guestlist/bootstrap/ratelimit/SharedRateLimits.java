package guestlist.bootstrap.ratelimit;

import guestlist.adapters.postgres.PostgresRateLimitBuckets;
import guestlist.adapters.rest.http.RateLimitStore;
import java.util.Objects;

/**
 * The REST adapter's rate limits counted in the PostgreSQL adapter's shared budgets: the two
 * adapters do not know each other, so the wiring joins them here.
 */
public final class SharedRateLimits implements RateLimitStore {

    private final PostgresRateLimitBuckets buckets;

    public SharedRateLimits(PostgresRateLimitBuckets buckets) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
    }

    @Override
    public Grant take(String key, int perMinute, int wanted) {
        PostgresRateLimitBuckets.Taken taken = buckets.take(key, perMinute, wanted);
        return new Grant(taken.count(), taken.untilRefill());
    }
}
