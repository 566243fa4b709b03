package guestlist.adapters.rest.http;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code GUESTLIST_ACCESS_LOG}, SPEC §8): one line per answered request on the
 * logger {@value #LOGGER}, at INFO:
 *
 * <pre>{@code 203.0.113.7 GET /api/v4/account/invite/validity?token=*** 200 - 1.4ms}</pre>
 *
 * <p>That is: the client address ({@link ClientAddress}: behind a trusted proxy, the forwarded
 * client), the method, the path and query with the query's values redacted ({@link LoggedTarget}),
 * the status, the error code of SPEC §3 or {@code -}, and the time from the request's headers to the
 * end of the answer. The log line's own timestamp says when. No header, cookie or body is ever
 * written, so neither a password nor a session token can be.
 */
public final class AccessLog implements RequestObserver {

    /** The logger the lines go to. */
    public static final String LOGGER = "guestlist.access";

    private final Logger log;

    public AccessLog() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    AccessLog(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void completed(CompletedRequest request) {
        if (log.isInfoEnabled()) {
            log.info(line(request));
        }
    }

    /** The line written for {@code request}, without the logger's prefix. */
    static String line(CompletedRequest request) {
        long micros = TimeUnit.NANOSECONDS.toMicros(request.duration().toNanos());
        return request.client().getHostAddress() + ' ' + request.method() + ' ' + request.target() + ' '
                + request.status() + ' ' + request.errorCode().orElse("-") + ' ' + micros / 1000 + '.'
                + (micros % 1000) / 100 + "ms";
    }
}
