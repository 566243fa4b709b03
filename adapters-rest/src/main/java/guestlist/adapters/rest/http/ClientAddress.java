package guestlist.adapters.rest.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request (SPEC §8): the one place that answers it, for the rate limits and whatever
 * else counts or logs clients. The peer of the connection, unless the peer is a {@linkplain
 * TrustedProxies trusted proxy}: then the right-most address of {@code X-Forwarded-For} that is not
 * itself a trusted proxy. Each proxy appends the address it received the request from, so the
 * addresses right of the client's are the proxies', written by proxies; whatever is left of it the
 * client may have made up.
 *
 * <p>The header is read from the right: several {@code X-Forwarded-For} headers count as one list in
 * the order they came, entries are separated by commas, and spaces and tabs around an entry are
 * ignored. Entries are IP literals as nginx writes them ({@code $remote_addr}: {@code 192.0.2.1},
 * {@code 2001:db8::1}, never brackets or ports). When the walk from the right meets an entry that is
 * not one (empty, a port, brackets, {@code unknown}, {@code unix:}, anything else) before it has found an
 * untrusted address, it stops there: the client is the last address it read, the trusted proxy
 * that passed the malformed entry on (or the peer, when the malformed entry is the right-most). It
 * does not skip the entry, since nothing left of it can be believed; it does not refuse the request,
 * since the proxy is a real client of ours and can be counted as one. When every address is a
 * trusted proxy, the client is the left-most of them. From any other peer the header is ignored.
 *
 * <p>The answer is computed once per request and kept with the exchange ({@link #of}).
 */
public final class ClientAddress {

    private static final AttachmentKey<InetAddress> RESOLVED = AttachmentKey.create(InetAddress.class);

    private final TrustedProxies trusted;

    public ClientAddress(TrustedProxies trusted) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    /** The client of this request, resolved at its first call and kept with the exchange. */
    public InetAddress of(HttpServerExchange exchange) {
        InetAddress resolved = exchange.getAttachment(RESOLVED);
        if (resolved == null) {
            HeaderValues forwarded = exchange.getRequestHeaders().get(Headers.X_FORWARDED_FOR);
            resolved = resolve(peer(exchange), forwarded == null ? List.of() : forwarded);
            exchange.putAttachment(RESOLVED, resolved);
        }
        return resolved;
    }

    private static InetAddress peer(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? InetAddress.getLoopbackAddress() : source.getAddress();
    }

    /**
     * The rule itself: the client of a request from {@code peer} that carried the {@code
     * X-Forwarded-For} headers {@code forwardedFor} (in the order they came).
     */
    public InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        if (!trusted.contains(peer)) {
            return peer;
        }
        InetAddress client = peer;
        for (int header = forwardedFor.size() - 1; header >= 0; header--) {
            String list = forwardedFor.get(header);
            int end = list.length();
            while (end >= 0) {
                int comma = list.lastIndexOf(',', end - 1);
                Optional<InetAddress> entry = IpLiterals.parse(strip(list, comma + 1, end));
                if (entry.isEmpty()) {
                    return client;
                }
                client = entry.get();
                if (!trusted.contains(client)) {
                    return client;
                }
                end = comma;
            }
        }
        return client;
    }

    /** {@code text[from, to)} without the spaces and tabs around it. */
    private static String strip(String text, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
