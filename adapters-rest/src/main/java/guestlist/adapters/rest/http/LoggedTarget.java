package guestlist.adapters.rest.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A request's path and query as they may be written to a log: no secret, and nothing that could
 * break a log line.
 *
 * <p>Every query value is replaced by {@code ***} except those of the API's parameters that carry
 * nothing secret ({@link #SHOWN}): the invite {@code token} is never shown, nor is any parameter the
 * API does not read (a client that sends its session as {@code ?auth=...}, as older Lemmy clients
 * did, must not have it logged either). A query part without {@code =} is replaced whole. Names are
 * kept, so that the log still tells what was asked. Any byte outside printable ASCII, and the
 * quote and backslash, is written percent-encoded, so a line stays one line.
 */
public final class LoggedTarget {

    /** The query parameters whose values are shown: those the API reads that carry no secret. */
    static final Set<String> SHOWN = Set.of(
            "limit",
            "page_cursor",
            "unread_only",
            "person_id",
            "local_user_id",
            "sort",
            "banned_only",
            "invited_by_local_user_id");

    static final String REDACTED = "***";

    private LoggedTarget() {}

    /**
     * @param path  the path as sent (Undertow's request URI: undecoded, without the query; in absolute
     *              form only its path is kept)
     * @param query the query string as sent, without {@code ?}; empty or null when there is none
     */
    public static String of(String path, String query) {
        StringBuilder target = new StringBuilder(path.length() + (query == null ? 0 : query.length() + 1));
        appendSafe(target, pathOnly(path));
        if (query == null || query.isEmpty()) {
            return target.toString();
        }
        target.append('?');
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (start > 0) {
                target.append('&');
            }
            appendPart(target, query.substring(start, end));
            start = end + 1;
        }
        return target.toString();
    }

    /**
     * The path of a request target: a request sent in absolute form ({@code GET http://host/path})
     * has its scheme and authority dropped, since an authority may carry a user and password.
     */
    private static String pathOnly(String requestUri) {
        int scheme = requestUri.indexOf("://");
        if (scheme < 0 || requestUri.startsWith("/")) {
            return requestUri;
        }
        int path = requestUri.indexOf('/', scheme + 3);
        return path < 0 ? "/" : requestUri.substring(path);
    }

    private static void appendPart(StringBuilder target, String part) {
        int equals = part.indexOf('=');
        if (equals < 0) {
            if (!part.isEmpty()) {
                target.append(REDACTED);
            }
            return;
        }
        String name = part.substring(0, equals);
        appendSafe(target, name);
        target.append('=');
        if (SHOWN.contains(decode(name))) {
            appendSafe(target, part.substring(equals + 1));
        } else {
            target.append(REDACTED);
        }
    }

    /** A query name as the API reads it: percent-decoded, {@code +} as a space; a broken escape stays as sent. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The value of an ASCII hex digit, -1 for anything else. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Printable ASCII as it is, but for {@code "} and {@code \}; anything else as {@code %XX} of its UTF-8 bytes. */
    private static void appendSafe(StringBuilder target, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x20 && c < 0x7f && c != '"' && c != '\\') {
                target.append(c);
            } else {
                int codePoint = text.codePointAt(i);
                if (Character.charCount(codePoint) == 2) {
                    i++;
                }
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    target.append('%')
                            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
    }
}
