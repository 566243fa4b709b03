package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.domain.paging.PageSize;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query parameters of a request as Undertow decoded them, read by name. Undertow gives text
 * only, and Jackson's reading of text as numbers and booleans is laxer than this API (blanks around,
 * "True", digits of other scripts): an integer here is {@code [+-]?[0-9]{1,18}}, a boolean
 * {@code true} or {@code false}. A parameter given twice or holding a NUL character is a
 * {@link RequestError#BAD_REQUEST} naming it.
 */
public final class QueryParameters {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");

    private final Map<String, Deque<String>> parameters;

    QueryParameters(Map<String, Deque<String>> parameters) {
        this.parameters = Map.copyOf(parameters);
    }

    public Optional<String> optional(String name) {
        Deque<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw badRequest(name + " must be given at most once");
        }
        if (values.getFirst().indexOf('\0') >= 0) {
            throw badRequest(name + " must not contain NUL characters");
        }
        return Optional.of(values.getFirst());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> badRequest(name + " is required"));
    }

    /** {@code true} or {@code false}, nothing else. */
    public Optional<Boolean> optionalBoolean(String name) {
        return optional(name).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw badRequest(name + " must be true or false");
        });
    }

    /** A decimal integer within {@code min..max}. */
    public long requiredLong(String name, long min, long max) {
        return integer(required(name))
                .filter(value -> value >= min && value <= max)
                .orElseThrow(() -> badRequest(name + " must be an integer between " + min + " and " + max));
    }

    /** A decimal integer within {@code min..max}, when given. */
    public Optional<Long> optionalLong(String name, long min, long max) {
        return optional(name)
                .map(text -> integer(text)
                        .filter(value -> value >= min && value <= max)
                        .orElseThrow(() -> badRequest(name + " must be an integer between " + min + " and " + max)));
    }

    /**
     * The page size as asked, unchecked against the listing's bounds (that is the domain's
     * {@code PageSize}); anything that is not an integer is {@link RequestError#LIMIT_NOT_AN_INTEGER}.
     */
    public Optional<Integer> limit() {
        return optional("limit")
                .map(value -> integer(value)
                        .filter(parsed -> parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE)
                        .map(Math::toIntExact)
                        .orElseThrow(() -> new RequestRefusal(
                                RequestError.LIMIT_NOT_AN_INTEGER,
                                "limit must be an integer between 1 and " + PageSize.MAX)));
    }

    private static Optional<Long> integer(String text) {
        return INTEGER.matcher(text).matches() ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private static RequestRefusal badRequest(String message) {
        return new RequestRefusal(RequestError.BAD_REQUEST, message);
    }
}
