package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The access log's line: what it says, in which order. */
class AccessLogTest {

    @Test
    void aLineSaysClientMethodTargetStatusCodeAndTime() throws Exception {
        CompletedRequest refused = new CompletedRequest(
                "POST",
                "/api/v4/account/auth/register",
                "/api/v4/account/auth/register",
                400,
                Optional.of("invalid_invite_token"),
                Duration.ofNanos(12_345_000),
                InetAddress.getByName("203.0.113.7"));
        CompletedRequest answered = new CompletedRequest(
                "GET",
                "/api/v4/account/invite/validity",
                "/api/v4/account/invite/validity?token=***",
                200,
                Optional.empty(),
                Duration.ofNanos(800_000),
                InetAddress.getByName("2001:db8::1"));

        assertThat(AccessLog.line(refused))
                .isEqualTo("203.0.113.7 POST /api/v4/account/auth/register 400 invalid_invite_token 12.3ms");
        assertThat(AccessLog.line(answered))
                .isEqualTo("2001:db8:0:0:0:0:0:1 GET /api/v4/account/invite/validity?token=*** 200 - 0.8ms");
    }
}
