package guestlist.bootstrap.hostile;

import static guestlist.bootstrap.hostile.Json.fields;
import static guestlist.bootstrap.hostile.Json.obj;
import static guestlist.bootstrap.hostile.Json.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.ApiContract;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.RawClient.Response;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile input at every one of the 24 routes, through the real server and
 * database: whole bodies that are no JSON object, invalid UTF-8, wrong types, NUL characters, deep
 * nesting, enormous numbers, 5,000-character strings and SQL fragments in every field, bad query
 * parameters and cursors, duplicate parameters, bad framing and tokens.
 *
 * <p>Each case states what must happen, and every case is checked against the database before and
 * after it (row counts and a digest of every row of local_user, local_user_invite, login_token,
 * registration_application, local_site and the quota records invite_creation and invite_signup,
 * invite_branch and moderation_log):
 * <ul>
 *   <li>refused: a 4xx with exactly {@code {"error","message"}}, and nothing written;</li>
 *   <li>refused while parsing: Undertow's own bare 400 (or no answer) for a request it cannot
 *       parse (headers too large, too many parameters, a Content-Length that is no number), and
 *       nothing written;</li>
 *   <li>data: a value that a free-text field may hold (an SQL fragment as an answer, say) is either
 *       refused as above or accepted and then stored exactly as sent, never run;</li>
 *   <li>validity: the invite validity check answers {@code {"valid": false}} for any token that
 *       names no invite (it reveals nothing else), or refuses it.</li>
 * </ul>
 * No case may ever get a 5xx, and afterwards every table still exists.
 */
class HostileInputEndToEndTest {

    // ---------------------------------------------------------------- the hostile values

    private static final List<String> SQL = List.of(
            "'; DROP TABLE local_user; --",
            "\" OR 1=1 --",
            "' OR '1'='1",
            "admin'--",
            "1; DELETE FROM login_token",
            "$$; DROP TABLE local_site; $$",
            "\\'; TRUNCATE local_user_invite; --",
            "%' OR name LIKE '%",
            "') UNION SELECT password_hash FROM local_user --");

    /** Strings that are no user name, e-mail address, token, mode, timestamp or cursor. */
    private static final List<String> HOSTILE_STRINGS = concat(
            SQL,
            List.of(
                    "a".repeat(5_000),
                    "é".repeat(5_000),
                    "\uD835\uDD4F".repeat(2_500),
                    "\u0001\u0002\u001f\u007f",
                    "line\r\nX-Injected: yes",
                    "\u202Egnp.exe",
                    "\uFEFF",
                    "<script>alert(1)</script>",
                    "${jndi:ldap://127.0.0.1:1/a}",
                    "%s%n%x%d",
                    "../../../../etc/passwd",
                    "{{7*7}}"));

    /** Strings no field may hold: NUL characters and unpaired surrogates (no Unicode text). */
    private static final List<String> NOT_TEXT =
            List.of("a\u0000b", "\u0000", "\uD800", "x\uDC00y", "\uDBFF", "abcdefghijkl\uD800", "\uDC00\uD800");

    private static final List<String> NOT_STRINGS = List.of(
            "123", "-1.5", "true", "false", "[]", "[\"x\"]", "{}", "{\"a\":\"b\"}", "1e400", "99999999999999999999999");

    private static final List<String> NOT_INTEGERS = List.of(
            "\"5\"",
            "\"abc\"",
            "1.5",
            "1e2",
            "1.0",
            "-0.0",
            "true",
            "[]",
            "[1]",
            "{}",
            "1e400",
            "-1e400",
            "99999999999999999999999",
            "-99999999999999999999999",
            "1" + "0".repeat(29),
            str("'; DROP TABLE local_user; --"),
            str("a".repeat(5_000)));

    private static final List<String> NOT_BOOLEANS = List.of(
            "\"true\"",
            "1",
            "0",
            "\"yes\"",
            "[]",
            "{}",
            "1e400",
            "99999999999999999999999",
            str("' OR 1=1 --"),
            str("a".repeat(5_000)));

    private static final int DEEP = 10_000;

    /** Bodies that are no JSON object (each sent with a valid session where one is needed). */
    private static final List<byte[]> NOT_AN_OBJECT = List.of(
            utf8("null"),
            utf8("[]"),
            utf8("[{}]"),
            utf8("\"text\""),
            utf8("42"),
            utf8("1e400"),
            utf8("99999999999999999999999"),
            utf8("true"),
            utf8("{"),
            utf8("}"),
            utf8("{\"a\":"),
            utf8("{\"a\":1"),
            utf8("{\"a\":1,}"),
            utf8("{a:1}"),
            utf8("{'a':1}"),
            utf8("{\"a\":01}"),
            utf8("{\"a\":NaN}"),
            utf8("{\"a\":Infinity}"),
            utf8("{\"a\":1}{}"),
            utf8("{\"a\":1} x"),
            utf8("{\"a\":1,\"a\":2}"),
            utf8("{/* c */}"),
            utf8("{\"a\":\"\u0000\"}"),
            utf8("{\"a\":\"tab\there\"}"),
            utf8(Json.nested(DEEP, false)),
            utf8(Json.nested(DEEP, true)),
            utf8("{\"a\":" + Json.nested(DEEP, false) + "}"),
            bytes(0xC3, 0x28),
            bytes('{', '"', 'a', '"', ':', '"', 0xC3, 0x28, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0xFF, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0xC0, 0xAF, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0xED, 0xA0, 0x80, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0x80, '"', '}'),
            bytes('{', 0, '}'),
            bytes(0xFF, 0xFE, '{', 0, '}', 0),
            bytes('{', 0, '}', 0),
            bytes(0, 0, 0, '{', 0, 0, 0, '}'));

    private static final List<List<String>> NOT_JSON_TYPES = List.of(
            List.of("Content-Type: text/plain"), List.of("Content-Type: application/x-www-form-urlencoded"),
            List.of("Content-Type: application/json; charset=utf-16"), List.of("Content-Type: application/xml"),
            List.of("Content-Type: multipart/form-data; boundary=x"), List.of());

    private static final List<String> BAD_SESSION_TOKENS = List.of(
            "",
            "x",
            "a".repeat(5_000),
            "'; DROP TABLE login_token; --",
            "\" OR 1=1 --",
            "null",
            Harness.unknownToken() + Harness.unknownToken());

    // ---------------------------------------------------------------- the server

    private static TestServer server;
    private static Harness harness;
    private static RawClient client;
    private static final Map<String, Integer> TRIED = new TreeMap<>();
    private static final Map<String, Integer> BARE = new TreeMap<>();
    private static final List<String> BARE_CASES = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        harness = new Harness(server, "ho");
        client = new RawClient(server.port());
    }

    @AfterEach
    void tablesStillExist() {
        StoredState.assertTablesExist(server);
    }

    @AfterAll
    static void stop() {
        if (server == null) {
            return;
        }
        try {
            int total = TRIED.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(
                    "hostile inputs tried per route: %s; total %d (of which answered by Undertow's parser "
                            + "with a bare 400 or no answer: %s); answers held to the OpenAPI document in this "
                            + "JVM so far: %d%n",
                    TRIED, total, BARE, ApiContract.answersChecked());
            BARE_CASES.forEach(bare -> System.out.println("  bare: " + bare));
        } finally {
            server.close();
        }
    }

    // ---------------------------------------------------------------- cases

    enum Expect {
        REFUSED,
        REFUSED_WHILE_PARSING,
        DATA,
        VALIDITY,
        IGNORED
    }

    /** How a case that was accepted shows that it stored its value verbatim (throws when not). */
    @FunctionalInterface
    interface Verifier {
        void verify(Response answer);
    }

    private record Case(String route, String what, Supplier<Response> request, Expect expect, Verifier verifier) {}

    private static final class Cases {
        private final String route;
        private final List<Case> list = new ArrayList<>();

        Cases(String route) {
            this.route = route;
        }

        Cases add(String what, Expect expect, Supplier<Response> request) {
            return add(what, expect, request, answer -> {
                throw new AssertionError("accepted, but nothing here may be accepted");
            });
        }

        Cases add(String what, Expect expect, Supplier<Response> request, Verifier verifier) {
            list.add(new Case(route, what, request, expect, verifier));
            return this;
        }
    }

    /** Runs every case, each against the stored state before it; reports all cases that failed at once. */
    private static void run(Cases cases) {
        List<String> failures = new ArrayList<>();
        List<String> before = StoredState.of(server);
        for (Case c : cases.list) {
            Response answer = c.request().get();
            TRIED.merge(c.route(), 1, Integer::sum);
            List<String> after = StoredState.of(server);
            boolean wrote = !after.equals(before);
            String problem = judge(c, answer, wrote);
            if (problem != null) {
                failures.add(c.route() + " with " + shorten(c.what()) + ": " + problem + "; answer " + answer
                        + (wrote ? "; stored state before " + before + " after " + after : ""));
            }
            before = wrote ? StoredState.of(server) : after;
        }
        assertThat(failures)
                .as("%d of %d cases at %s", failures.size(), cases.list.size(), cases.route)
                .isEmpty();
    }

    private static String judge(Case c, Response answer, boolean wrote) {
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        boolean refused = status >= 400 && status < 500 && answer.isEnvelope();
        return switch (c.expect()) {
            case REFUSED -> {
                if (!refused) {
                    yield "not refused with a 4xx envelope";
                }
                yield wrote ? "refused, but something was written" : null;
            }
            case REFUSED_WHILE_PARSING -> {
                boolean bare = status == -1 || (status == 400 && answer.body().length == 0);
                if (bare) {
                    BARE.merge(c.route(), 1, Integer::sum);
                    BARE_CASES.add(c.route() + " with " + shorten(c.what()) + ": " + status);
                }
                if (!bare && !refused) {
                    yield "neither refused by the parser nor with a 4xx envelope";
                }
                yield wrote ? "refused, but something was written" : null;
            }
            case VALIDITY -> {
                boolean invalid = status == 200
                        && answer.json()
                                .map(json -> json.size() == 1
                                        && json.path("valid").isBoolean()
                                        && !json.path("valid").asBoolean())
                                .orElse(false);
                boolean unparsed = status == -1 || (status == 400 && answer.body().length == 0);
                if (unparsed) {
                    BARE.merge(c.route(), 1, Integer::sum);
                    BARE_CASES.add(c.route() + " with " + shorten(c.what()) + ": " + status);
                }
                if (!invalid && !refused && !unparsed) {
                    yield "neither {\"valid\": false} nor refused";
                }
                yield wrote ? "something was written" : null;
            }
            case IGNORED -> {
                if (status != 200) {
                    yield "not ignored";
                }
                yield wrote ? "something was written" : null;
            }
            case DATA -> {
                if (status >= 400) {
                    if (!refused) {
                        yield "refused without the envelope";
                    }
                    yield wrote ? "refused, but something was written" : null;
                }
                if (status != 200) {
                    yield "neither accepted nor refused";
                }
                try {
                    c.verifier().verify(answer);
                    yield null;
                } catch (AssertionError | RuntimeException notVerbatim) {
                    yield "accepted, but not stored as sent: " + notVerbatim.getMessage();
                }
            }
        };
    }

    // ---------------------------------------------------------------- what every route gets

    /** Framing and size abuse, and (for routes that need a session) bad tokens. */
    private static void transportCases(
            Cases cases, String method, String path, String token, boolean needsSession, String validBody) {
        byte[] overLimit = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(overLimit, (byte) ' ');
        cases.add("a body one byte over 64 KiB", Expect.REFUSED, () -> client.json(method, path, token, overLimit));
        cases.add(
                "a chunked body over 64 KiB",
                Expect.REFUSED,
                () -> client.send(
                        method,
                        path,
                        headers(token, "Content-Type: application/json", "Transfer-Encoding: chunked"),
                        chunked(overLimit)));
        cases.add(
                "Content-Length: 99999999999999999999999",
                Expect.REFUSED,
                () -> client.send(
                        method,
                        path,
                        headers(token, "Content-Type: application/json", "Content-Length: 99999999999999999999999"),
                        utf8("{}")));
        cases.add(
                "Content-Length: abc",
                Expect.REFUSED_WHILE_PARSING,
                () -> client.send(
                        method,
                        path,
                        headers(token, "Content-Type: application/json", "Content-Length: abc"),
                        utf8("{}")));
        cases.add(
                "two different Content-Lengths",
                Expect.REFUSED_WHILE_PARSING,
                () -> client.send(
                        method,
                        path,
                        headers(token, "Content-Type: application/json", "Content-Length: 2", "Content-Length: 3"),
                        utf8("{}")));
        cases.add(
                "101 query parameters",
                Expect.REFUSED_WHILE_PARSING,
                () -> client.json(
                        method,
                        path
                                + IntStream.range(0, 101)
                                        .mapToObj(i -> "p" + i + "=1")
                                        .collect(Collectors.joining("&", "?", "")),
                        token,
                        validBody));
        cases.add(
                "a 17 KiB header",
                Expect.REFUSED_WHILE_PARSING,
                () -> client.send(
                        method,
                        path,
                        headers(token, "Content-Type: application/json", "X-Big: " + "b".repeat(17 * 1024)),
                        utf8(validBody == null ? "" : validBody)));
        cases.add(
                "a NUL byte in a header",
                Expect.REFUSED_WHILE_PARSING,
                () -> client.send(
                        method,
                        path,
                        headers(token, "Content-Type: application/json", "X-Nul: a\u0000b"),
                        utf8(validBody == null ? "" : validBody)));
        cases.add(
                "a raw non-ASCII byte in the path",
                Expect.REFUSED_WHILE_PARSING,
                () -> client.sendRaw((method + " " + path + "\u00ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)));
        if (needsSession) {
            for (String bad : BAD_SESSION_TOKENS) {
                cases.add("session token " + bad, Expect.REFUSED, () -> client.json(method, path, bad, validBody));
            }
            cases.add("no session", Expect.REFUSED, () -> client.json(method, path, null, validBody));
            cases.add(
                    "Basic authentication",
                    Expect.REFUSED,
                    () -> client.send(
                            method,
                            path,
                            List.of(
                                    "Content-Type: application/json",
                                    "Authorization: Basic ZTJlX2FkbWluOmUyZS1hZG1pbi1wYXNzd29yZA=="),
                            validBody == null ? null : utf8(validBody)));
            // the pages' session cookie (SPEC §7) authenticates too, but a write only from the public
            // URL's origin; and no other cookie is a session
            if (!method.equals("GET")) {
                cases.add(
                        "the session token as the cookie, from another origin",
                        Expect.REFUSED,
                        () -> client.send(
                                method,
                                path,
                                List.of(
                                        "Content-Type: application/json",
                                        "Cookie: jwt=" + token,
                                        "Origin: https://elsewhere.example"),
                                validBody == null ? null : utf8(validBody)));
                cases.add(
                        "the session token as the cookie, without an Origin",
                        Expect.REFUSED,
                        () -> client.send(
                                method,
                                path,
                                List.of("Content-Type: application/json", "Cookie: jwt=" + token),
                                validBody == null ? null : utf8(validBody)));
            }
            cases.add(
                    "the session token as another cookie",
                    Expect.REFUSED,
                    () -> client.send(
                            method,
                            path,
                            List.of("Content-Type: application/json", "Cookie: session=" + token),
                            validBody == null ? null : utf8(validBody)));
        }
    }

    /** A JSON body endpoint: everything but a JSON object, every content type but JSON, then each field. */
    private static void bodyCases(
            Cases cases,
            String method,
            String path,
            Supplier<String> token,
            Supplier<Map<String, String>> valid,
            boolean emptyBodyIsValid,
            List<Field> fields) {
        for (byte[] body : NOT_AN_OBJECT) {
            cases.add(
                    "body " + new String(body, StandardCharsets.ISO_8859_1),
                    Expect.REFUSED,
                    () -> client.json(method, path, token.get(), body));
        }
        if (!emptyBodyIsValid) {
            cases.add("an empty body", Expect.REFUSED, () -> client.json(method, path, token.get(), new byte[0]));
            cases.add("{}", Expect.REFUSED, () -> client.json(method, path, token.get(), "{}"));
        }
        for (List<String> type : NOT_JSON_TYPES) {
            cases.add(
                    "a valid body as " + type,
                    Expect.REFUSED,
                    () -> client.send(
                            method, path, headers(token.get(), type.toArray(String[]::new)), utf8(obj(valid.get()))));
        }
        for (Field field : fields) {
            Function<String, Supplier<Response>> with = json -> () -> {
                Map<String, String> body = valid.get();
                body.put(field.name(), json);
                for (String mirror : field.mirrors()) {
                    body.put(mirror, json);
                }
                return client.json(method, path, token.get(), obj(body));
            };
            String name = field.name() + " = ";
            if (field.required()) {
                cases.add(field.name() + " missing", Expect.REFUSED, () -> {
                    Map<String, String> body = valid.get();
                    body.remove(field.name());
                    return client.json(method, path, token.get(), obj(body));
                });
                cases.add(name + "null", Expect.REFUSED, with.apply("null"));
            }
            cases.add(name + DEEP + " nested arrays", Expect.REFUSED, with.apply(Json.nested(DEEP, false)));
            cases.add(name + DEEP + " nested objects", Expect.REFUSED, with.apply(Json.nested(DEEP, true)));
            switch (field.type()) {
                case STRING -> {
                    for (String value : NOT_STRINGS) {
                        cases.add(name + value, Expect.REFUSED, with.apply(value));
                    }
                    for (String value : NOT_TEXT) {
                        cases.add(name + str(value), Expect.REFUSED, with.apply(str(value)));
                    }
                    for (String value : field.hostile()) {
                        Expect expect = field.freeText() ? Expect.DATA : Expect.REFUSED;
                        cases.add(
                                name + str(value),
                                expect,
                                with.apply(str(value)),
                                field.verifier().apply(value));
                    }
                }
                case INTEGER -> {
                    for (String value : NOT_INTEGERS) {
                        cases.add(name + value, Expect.REFUSED, with.apply(value));
                    }
                    for (BigInteger value : List.of(
                            field.min().subtract(BigInteger.ONE),
                            field.max().add(BigInteger.ONE),
                            BigInteger.valueOf(Long.MIN_VALUE),
                            BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))) {
                        cases.add(name + value, Expect.REFUSED, with.apply(value.toString()));
                    }
                }
                case BOOLEAN -> {
                    for (String value : NOT_BOOLEANS) {
                        cases.add(name + value, Expect.REFUSED, with.apply(value));
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    enum Type {
        STRING,
        INTEGER,
        BOOLEAN
    }

    /**
     * One field of a body. A free-text field may accept a hostile string; it must then have stored
     * it verbatim, as its verifier checks. {@code mirrors} get the same value (password_verify).
     */
    private record Field(
            String name,
            Type type,
            boolean required,
            boolean freeText,
            List<String> hostile,
            BigInteger min,
            BigInteger max,
            List<String> mirrors,
            Function<String, Verifier> verifier) {

        static Field string(String name, boolean required) {
            return new Field(
                    name, Type.STRING, required, false, HOSTILE_STRINGS, null, null, List.of(), value -> answer -> {
                        throw new AssertionError("no hostile string may be accepted in " + name);
                    });
        }

        static Field freeText(String name, List<String> hostile, Function<String, Verifier> verifier) {
            return new Field(name, Type.STRING, false, true, hostile, null, null, List.of(), verifier);
        }

        static Field integer(String name, boolean required, long min, long max) {
            return new Field(
                    name,
                    Type.INTEGER,
                    required,
                    false,
                    List.of(),
                    BigInteger.valueOf(min),
                    BigInteger.valueOf(max),
                    List.of(),
                    null);
        }

        static Field bool(String name, boolean required) {
            return new Field(name, Type.BOOLEAN, required, false, List.of(), null, null, List.of(), null);
        }

        Field mirroredTo(String other) {
            return new Field(name, type, required, freeText, hostile, min, max, List.of(other), verifier);
        }

        Field alsoTrying(List<String> more) {
            return new Field(name, type, required, freeText, concat(hostile, more), min, max, mirrors, verifier);
        }
    }

    /** A query endpoint: each parameter with values that are no number, out of range, garbage, doubled. */
    private static void queryCases(
            Cases cases, String path, String token, Map<String, List<String>> badValues, Expect expectForBad) {
        // a path may carry a valid parameter already (local_user_id=...): the bad one comes after it
        String separator = path.contains("?") ? "&" : "?";
        for (Map.Entry<String, List<String>> parameter : badValues.entrySet()) {
            for (String value : parameter.getValue()) {
                String target = path + separator + parameter.getKey() + "=" + HttpApi.encode(value);
                cases.add(
                        parameter.getKey() + "=" + value,
                        expectForBad,
                        () -> client.json("GET", target, token, (byte[]) null));
            }
            // as sent, undecoded: NUL, invalid or overlong UTF-8 reach the handler; broken escapes stop Undertow's
            // parser
            String raw = path + separator + parameter.getKey() + "=";
            for (String encoded : List.of("%00", "a%00b", "%C3%28", "%C0%AF", "%ED%A0%80", "%FF%FE", "%zz", "%")) {
                Expect expect = expectForBad == Expect.VALIDITY
                        ? Expect.VALIDITY
                        : encoded.equals("%zz") || encoded.equals("%") ? Expect.REFUSED_WHILE_PARSING : expectForBad;
                cases.add(
                        parameter.getKey() + "=" + encoded + " (as sent)",
                        expect,
                        () -> client.json("GET", raw + encoded, token, (byte[]) null));
            }
            String doubled = path + separator + parameter.getKey() + "=" + firstValid(parameter.getKey()) + "&"
                    + parameter.getKey() + "=" + firstValid(parameter.getKey());
            cases.add(
                    parameter.getKey() + " given twice",
                    Expect.REFUSED,
                    () -> client.json("GET", doubled, token, (byte[]) null));
        }
    }

    private static String firstValid(String parameter) {
        return switch (parameter) {
            case "limit" -> "5";
            case "unread_only" -> "true";
            case "person_id", "local_user_id" -> String.valueOf(harness.adminId());
            case "token" -> Harness.unknownToken();
            case "banned_only" -> "false";
            case "sort" -> "old";
            case "invited_by_local_user_id" -> String.valueOf(harness.adminId());
            default -> "x";
        };
    }

    private static final List<String> NOT_LIMITS = concat(
            List.of(
                    "",
                    "abc",
                    "1.5",
                    "1e1",
                    "-1",
                    "0",
                    "51",
                    "2147483648",
                    "99999999999999999999",
                    "0x10",
                    " 5",
                    "5 ",
                    "+",
                    "-",
                    "\u0661\u0662",
                    "５",
                    "10abc",
                    "NaN"),
            concat(SQL, List.of("9".repeat(3_000))));

    private static List<String> notCursors(String otherListing) {
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(otherListing + ":1"));
        return concat(
                List.of(
                        "",
                        "x",
                        "abc",
                        "=",
                        "a".repeat(3_000),
                        "%%%",
                        other,
                        Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("inv:0")),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("app:-1")),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("inv:99999999999999999999")),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("app:99999999999999999999")),
                        Base64.getUrlEncoder().encodeToString(utf8("inv:1")) + "==",
                        Base64.getEncoder().encodeToString(utf8("inv:1\u0000"))),
                SQL);
    }

    // ---------------------------------------------------------------- the 17 routes

    @Test
    void health() {
        Cases cases = new Cases("GET /health");
        transportCases(cases, "GET", "/api/v4/health", null, false, null);
        ignoredInput(cases, "/api/v4/health", null);
        run(cases);
    }

    @Test
    void openApiDocument() {
        Cases cases = new Cases("GET /openapi.json");
        transportCases(cases, "GET", "/api/v4/openapi.json", null, false, null);
        ignoredInput(cases, "/api/v4/openapi.json", null);
        for (String bad : BAD_SESSION_TOKENS) {
            cases.add(
                    "session token " + bad + " (none is needed here)",
                    Expect.IGNORED,
                    () -> client.json("GET", "/api/v4/openapi.json", bad, (byte[]) null));
        }
        run(cases);
    }

    @Test
    void getSite() {
        Cases cases = new Cases("GET /site");
        transportCases(cases, "GET", "/api/v4/site", null, false, null);
        ignoredInput(cases, "/api/v4/site", null);
        for (String bad : BAD_SESSION_TOKENS) {
            cases.add(
                    "session token " + bad + " (a token is optional here)",
                    Expect.IGNORED,
                    () -> client.json("GET", "/api/v4/site", bad, (byte[]) null));
        }
        run(cases);
    }

    @Test
    void getAccount() {
        String token = harness.member().token();
        Cases cases = new Cases("GET /account");
        transportCases(cases, "GET", "/api/v4/account", token, true, null);
        ignoredInput(cases, "/api/v4/account", token);
        run(cases);
    }

    /** Unknown query parameters and a body on a GET are ignored (SPEC: unknown fields are ignored). */
    private static void ignoredInput(Cases cases, String path, String token) {
        for (String query : List.of(
                "?limit=abc&page_cursor=" + "x".repeat(3_000),
                "?a=1&a=2",
                "?x=" + HttpApi.encode("'; DROP TABLE local_user; --"),
                "?" + "q".repeat(5_000))) {
            cases.add(
                    "the unknown query " + query,
                    Expect.IGNORED,
                    () -> client.json("GET", path + query, token, (byte[]) null));
        }
        for (byte[] body : List.of(utf8("{"), utf8("[]"), bytes(0xC3, 0x28), utf8(Json.nested(DEEP, false)))) {
            cases.add(
                    "a GET with the body " + new String(body, StandardCharsets.ISO_8859_1),
                    Expect.IGNORED,
                    () -> client.json("GET", path, token, body));
        }
    }

    @Test
    void editSite() {
        harness.site(
                "registration_mode",
                "require_application",
                "name",
                "Guestlist",
                "application_question",
                "Why?",
                "max_invites_per_user_allowed",
                10);
        Cases cases = new Cases("PUT /site");
        String admin = harness.adminToken();
        String member = harness.member().token();
        transportCases(cases, "PUT", "/api/v4/site", admin, true, "{}");
        cases.add(
                "a member's session",
                Expect.REFUSED,
                () -> client.json("PUT", "/api/v4/site", member, "{\"name\":\"x\"}"));
        bodyCases(
                cases,
                "PUT",
                "/api/v4/site",
                () -> admin,
                LinkedHashMap::new,
                true,
                List.of(
                        Field.freeText(
                                "name",
                                concat(HOSTILE_STRINGS, List.of(" ", "")),
                                value -> siteVerifier("name", value)),
                        Field.string("registration_mode", false)
                                .alsoTrying(List.of(
                                        "", "OPEN", "Open", "open ", " open", "closed\u0000", "require_applications")),
                        Field.integer("max_invites_per_user_allowed", false, 0, 1_000_000),
                        Field.integer("invite_min_account_age_hours", false, 0, 8_760),
                        Field.integer("invites_per_user_per_day", false, 0, 1_000),
                        Field.integer("invite_signups_per_day", false, 0, 1_000_000),
                        Field.bool("invites_skip_application", false),
                        Field.freeText(
                                "application_question",
                                concat(HOSTILE_STRINGS, List.of("", "   ", "a".repeat(10_001))),
                                value -> siteVerifier("application_question", value))));
        run(cases);
    }

    /** After an accepted PUT /site: the value reads back as sent; then the site is set back. */
    private static Verifier siteVerifier(String field, String value) {
        return answer -> {
            JsonNode site = harness.api().get("/site", null).body().path("site_view");
            try {
                if (field.equals("name")) {
                    assertThat(site.path("site").path("name").asText()).isEqualTo(value);
                } else if (value.isBlank()) {
                    assertThat(site.path("local_site").has("application_question"))
                            .as("a blank question clears it")
                            .isFalse();
                } else {
                    assertThat(site.path("local_site")
                                    .path("application_question")
                                    .asText())
                            .isEqualTo(value);
                }
            } finally {
                harness.site("name", "Guestlist", "application_question", "Why?");
            }
        };
    }

    @Test
    void register() {
        harness.site("registration_mode", "require_application", "application_question", "Why?");
        Cases cases = new Cases("POST /account/auth/register");
        Supplier<Map<String, String>> valid = () -> fields(
                "username",
                str(harness.newName()),
                "password",
                str(Credentials.PASSWORD),
                "password_verify",
                str(Credentials.PASSWORD),
                "answer",
                str("I like it"));
        transportCases(cases, "POST", "/api/v4/account/auth/register", null, false, obj(valid.get()));
        String sqlShapedEmail = "'OR'1'='1'--@example.com";
        bodyCases(
                cases,
                "POST",
                "/api/v4/account/auth/register",
                () -> null,
                valid,
                false,
                List.of(
                        Field.string("username", true)
                                .alsoTrying(List.of(
                                        "ab",
                                        "a".repeat(21),
                                        "with space",
                                        "dash-name",
                                        "émile",
                                        "a\u0301bc",
                                        "admin\u200b",
                                        "ＡＤＭＩＮ")),
                        // a hostile password is given twice, so it is judged as a password (10..60 characters)
                        Field.freeText(
                                        "password",
                                        concat(HOSTILE_STRINGS, List.of("short", " ".repeat(10))),
                                        value -> answer -> assertPasswordStored(value))
                                .mirroredTo("password_verify"),
                        Field.string("password_verify", true),
                        Field.string("email", false)
                                .alsoTrying(List.of(
                                        "@",
                                        "a@",
                                        "@b.c",
                                        "a@b",
                                        "a@b..c",
                                        "a b@c.d",
                                        "a@b.c\nBcc: x@y.z",
                                        "a".repeat(65) + "@example.com")),
                        Field.freeText(
                                "answer",
                                concat(HOSTILE_STRINGS, List.of("a".repeat(10_001), "   ")),
                                value -> answer -> assertAnswerStored(value)),
                        Field.string("token", false)
                                .alsoTrying(List.of(
                                        Harness.unknownToken(),
                                        Harness.unknownToken() + "=",
                                        "A".repeat(31),
                                        "A".repeat(33),
                                        "+".repeat(32),
                                        "/".repeat(32))),
                        Field.string("honeypot", false).alsoTrying(List.of(" ", "x")),
                        Field.bool("stay_logged_in", false)));
        // an address may hold quotes and '=': this one is valid, so it must be stored exactly as sent
        cases.add(
                "email = " + sqlShapedEmail,
                Expect.DATA,
                () -> {
                    Map<String, String> body = valid.get();
                    body.put("email", str(sqlShapedEmail));
                    return client.json("POST", "/api/v4/account/auth/register", null, obj(body));
                },
                answer -> assertThat(server.rows("SELECT email FROM local_user WHERE email = ?", sqlShapedEmail))
                        .containsExactly(sqlShapedEmail));
        run(cases);
    }

    /** The account registered with {@code password} (as password and password_verify) can log in with it. */
    private static void assertPasswordStored(String password) {
        String name = server.rows("SELECT name FROM local_user ORDER BY id DESC LIMIT 1")
                .get(0);
        HttpApi.Answer login = harness.api()
                .post("/account/auth/login", HttpApi.object("username_or_email", name, "password", password), null);
        // the password matched (else incorrect_login); the account only waits for its application
        assertThat(login.error()).as("%s", login).isEqualTo("registration_application_is_pending");
    }

    private static void assertAnswerStored(String answer) {
        List<String> stored = server.rows("SELECT answer FROM registration_application ORDER BY id DESC LIMIT 1");
        assertThat(stored).containsExactly(answer);
    }

    @Test
    void login() {
        Harness.Member member = harness.member();
        Cases cases = new Cases("POST /account/auth/login");
        Supplier<Map<String, String>> valid =
                () -> fields("username_or_email", str(member.name()), "password", str(Credentials.PASSWORD));
        transportCases(cases, "POST", "/api/v4/account/auth/login", null, false, obj(valid.get()));
        bodyCases(
                cases,
                "POST",
                "/api/v4/account/auth/login",
                () -> null,
                valid,
                false,
                List.of(
                        Field.string("username_or_email", true)
                                .alsoTrying(List.of(
                                        "",
                                        member.name() + "'--",
                                        member.name() + "' OR '1'='1",
                                        member.name() + "\" OR 1=1 --",
                                        "%",
                                        "_",
                                        "*")),
                        Field.string("password", true)
                                .alsoTrying(List.of(
                                        "",
                                        Credentials.PASSWORD + "'--",
                                        "' OR ''='",
                                        Credentials.PASSWORD.toUpperCase(java.util.Locale.ROOT),
                                        Credentials.PASSWORD + " ")),
                        Field.bool("stay_logged_in", false)));
        run(cases);
    }

    @Test
    void logout() {
        Harness.Member member = harness.member();
        Cases cases = new Cases("POST /account/auth/logout");
        transportCases(cases, "POST", "/api/v4/account/auth/logout", member.token(), true, "{}");
        bodyCases(cases, "POST", "/api/v4/account/auth/logout", member::token, LinkedHashMap::new, true, List.of());
        run(cases);
        assertThat(harness.api().get("/account", member.token()).status())
                .as("still logged in")
                .isEqualTo(200);
    }

    @Test
    void changePassword() {
        Harness.Member member = harness.member();
        String path = "/api/v4/account/auth/change_password";
        // an accepted change ends every session of the member and answers a new one: the cases go on with it
        String[] session = {member.token()};
        Cases cases = new Cases("PUT /account/auth/change_password");
        Supplier<Map<String, String>> valid = () -> fields(
                "new_password",
                str(Credentials.PASSWORD),
                "new_password_verify",
                str(Credentials.PASSWORD),
                "old_password",
                str(Credentials.PASSWORD));
        transportCases(cases, "PUT", path, member.token(), true, obj(valid.get()));
        bodyCases(
                cases,
                "PUT",
                path,
                () -> session[0],
                valid,
                false,
                List.of(
                        // a hostile new password is given twice, so it is judged as a password (10..60 characters)
                        Field.freeText(
                                        "new_password",
                                        concat(HOSTILE_STRINGS, List.of("short", " ".repeat(10), "x".repeat(61))),
                                        value -> answer -> assertPasswordChanged(member, session, value, answer))
                                .mirroredTo("new_password_verify"),
                        Field.string("new_password_verify", true),
                        Field.string("old_password", true)
                                .alsoTrying(List.of(
                                        "",
                                        Credentials.PASSWORD.toUpperCase(java.util.Locale.ROOT),
                                        Credentials.PASSWORD + " ",
                                        " " + Credentials.PASSWORD,
                                        Credentials.PASSWORD + "'--",
                                        "' OR ''='")),
                        Field.bool("stay_logged_in", false)));
        run(cases);
        assertThat(harness.localUserId(session[0])).as("still logged in").isEqualTo(member.id());
        assertThat(harness.login(member.name(), Credentials.PASSWORD)).isNotBlank();
    }

    /**
     * After an accepted change to {@code password}: the asking session has ended, the answer's is
     * the member's, and the password logs in as sent; then it is changed back, and the cases go on
     * with the session that answers.
     */
    private static void assertPasswordChanged(
            Harness.Member member, String[] session, String password, Response answer) {
        String fresh = answer.json().orElseThrow().path("jwt").asText();
        assertThat(harness.api().get("/account", session[0]).status())
                .as("the asking session ended")
                .isEqualTo(401);
        assertThat(harness.localUserId(fresh)).isEqualTo(member.id());
        assertThat(harness.login(member.name(), password)).isNotBlank();
        HttpApi.Answer back = harness.api()
                .put(
                        "/account/auth/change_password",
                        HttpApi.object(
                                "new_password",
                                Credentials.PASSWORD,
                                "new_password_verify",
                                Credentials.PASSWORD,
                                "old_password",
                                password),
                        fresh);
        assertThat(back.status()).as("changing it back: %s", back).isEqualTo(200);
        session[0] = back.jwt();
    }

    @Test
    void createInvite() {
        // every comment that is accepted makes an invite: the cap must not refuse them first
        harness.site("max_invites_per_user_allowed", 1_000_000);
        Harness.Member member = harness.member();
        Cases cases = new Cases("POST /account/invite");
        transportCases(cases, "POST", "/api/v4/account/invite", member.token(), true, "{\"max_uses\":1}");
        bodyCases(
                cases,
                "POST",
                "/api/v4/account/invite",
                member::token,
                LinkedHashMap::new,
                true,
                List.of(
                        Field.integer("max_uses", false, 1, 1_000_000),
                        Field.string("expires_at", false)
                                .alsoTrying(List.of(
                                        "",
                                        "2020-01-01T00:00:00Z",
                                        "9999-12-31T23:59:59Z",
                                        "2030-13-01T00:00:00Z",
                                        "2030-01-01",
                                        "2030-01-01T00:00:00",
                                        "tomorrow",
                                        "1700000000",
                                        "+1000000000-01-01T00:00:00Z",
                                        "2030-01-01T00:00:00+25:00",
                                        "2030-01-01T00:00:00Z'; --")),
                        Field.freeText(
                                "comment",
                                concat(
                                        HOSTILE_STRINGS,
                                        List.of(
                                                "",
                                                "  ",
                                                "c".repeat(200),
                                                "c".repeat(201),
                                                "\uD83C\uDF89".repeat(200),
                                                "\uD83C\uDF89".repeat(201))),
                                HostileInputEndToEndTest::commentVerifier)));
        run(cases);
    }

    /**
     * After an accepted invite with {@code comment}: the stored comment is the one sent (none for
     * an empty one), and the answer shows it.
     */
    private static Verifier commentVerifier(String comment) {
        return answer -> {
            JsonNode invite = answer.json().orElseThrow().path("invite");
            List<String> stored = server.rows(
                    "SELECT comment FROM local_user_invite WHERE token = ?",
                    invite.path("token").asText());
            if (comment.isEmpty()) {
                assertThat(stored).containsExactly((String) null);
                assertThat(invite.has("comment")).isFalse();
            } else {
                assertThat(stored).containsExactly(comment);
                assertThat(invite.path("comment").asText()).isEqualTo(comment);
            }
        };
    }

    @Test
    void revokeInvite() {
        Harness.Member member = harness.member();
        String own = harness.createInvite(member.token()).path("token").asText();
        String others = harness.createInvite(harness.adminToken()).path("token").asText();
        Cases cases = new Cases("DELETE /account/invite");
        Supplier<Map<String, String>> valid = () -> fields("token", str(own));
        transportCases(cases, "DELETE", "/api/v4/account/invite", member.token(), true, obj(valid.get()));
        cases.add(
                "another user's invite",
                Expect.REFUSED,
                () -> client.json(
                        "DELETE", "/api/v4/account/invite", member.token(), obj(fields("token", str(others)))));
        bodyCases(
                cases,
                "DELETE",
                "/api/v4/account/invite",
                member::token,
                valid,
                false,
                List.of(Field.string("token", true)
                        .alsoTrying(List.of(
                                "",
                                Harness.unknownToken(),
                                swapCase(own),
                                own + " ",
                                " " + own,
                                own + "\n",
                                own.substring(1),
                                own + "A",
                                own.substring(0, 31) + "+",
                                own.substring(0, 31) + "%",
                                own + "\u0000"))));
        run(cases);
        assertThat(harness.inviteRows(own)).as("the invite survived every case").isEqualTo(1);
    }

    @Test
    void listInvites() {
        Harness.Member member = harness.member();
        harness.createInvite(member.token());
        Cases cases = new Cases("GET /account/invite/list");
        transportCases(cases, "GET", "/api/v4/account/invite/list", member.token(), true, null);
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("limit", NOT_LIMITS);
        bad.put("page_cursor", notCursors("app"));
        queryCases(cases, "/api/v4/account/invite/list", member.token(), bad, Expect.REFUSED);
        run(cases);
    }

    @Test
    void inviteValidity() {
        Cases cases = new Cases("GET /account/invite/validity");
        transportCases(
                cases, "GET", "/api/v4/account/invite/validity?token=" + Harness.unknownToken(), null, false, null);
        cases.add(
                "no token",
                Expect.REFUSED,
                () -> client.json("GET", "/api/v4/account/invite/validity", null, (byte[]) null));
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("token", concat(HOSTILE_STRINGS, List.of("", Harness.unknownToken(), "A".repeat(3_000))));
        queryCases(cases, "/api/v4/account/invite/validity", null, bad, Expect.VALIDITY);
        run(cases);
    }

    @Test
    void listApplications() {
        Cases cases = new Cases("GET /admin/registration_application/list");
        String admin = harness.adminToken();
        String member = harness.member().token();
        transportCases(cases, "GET", "/api/v4/admin/registration_application/list", admin, true, null);
        cases.add(
                "a member's session",
                Expect.REFUSED,
                () -> client.json("GET", "/api/v4/admin/registration_application/list", member, (byte[]) null));
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("unread_only", concat(List.of("", "yes", "no", "1", "0", "TRUE", "True", "false ", "t"), SQL));
        bad.put("limit", NOT_LIMITS);
        bad.put("page_cursor", notCursors("inv"));
        queryCases(cases, "/api/v4/admin/registration_application/list", admin, bad, Expect.REFUSED);
        run(cases);
    }

    @Test
    void getApplication() {
        Cases cases = new Cases("GET /admin/registration_application");
        String admin = harness.adminToken();
        transportCases(
                cases,
                "GET",
                "/api/v4/admin/registration_application?person_id=" + harness.adminId(),
                admin,
                true,
                null);
        cases.add(
                "no person_id",
                Expect.REFUSED,
                () -> client.json("GET", "/api/v4/admin/registration_application", admin, (byte[]) null));
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put(
                "person_id",
                concat(
                        List.of(
                                "",
                                "abc",
                                "1.5",
                                "1e3",
                                "-1",
                                "0",
                                "9223372036854775808",
                                "99999999999999999999",
                                "0x10",
                                " 1",
                                "1 ",
                                "+",
                                "\u0661",
                                "１",
                                "1abc",
                                "NaN",
                                "9".repeat(3_000)),
                        SQL));
        queryCases(cases, "/api/v4/admin/registration_application", admin, bad, Expect.REFUSED);
        run(cases);
    }

    @Test
    void decideApplication() {
        harness.site("registration_mode", "require_application");
        String applicant = harness.newName();
        assertThat(harness.register(Harness.form(applicant).put("answer", "please"))
                        .status())
                .isEqualTo(200);
        long applicationId = Long.parseLong(server.rows(
                        "SELECT a.id::text FROM registration_application a "
                                + "JOIN local_user u ON u.id = a.local_user_id WHERE u.name = ?",
                        applicant)
                .get(0));
        String admin = harness.adminToken();
        String member = harness.member().token();
        Cases cases = new Cases("PUT /admin/registration_application/approve");
        Supplier<Map<String, String>> valid =
                () -> fields("id", String.valueOf(applicationId), "approve", "false", "deny_reason", str("not now"));
        transportCases(cases, "PUT", "/api/v4/admin/registration_application/approve", admin, true, obj(valid.get()));
        cases.add(
                "a member's session",
                Expect.REFUSED,
                () -> client.json("PUT", "/api/v4/admin/registration_application/approve", member, obj(valid.get())));
        cases.add(
                "an id that names no application",
                Expect.REFUSED,
                () -> client.json(
                        "PUT",
                        "/api/v4/admin/registration_application/approve",
                        admin,
                        obj(fields("id", String.valueOf(Long.MAX_VALUE), "approve", "true"))));
        bodyCases(
                cases,
                "PUT",
                "/api/v4/admin/registration_application/approve",
                () -> admin,
                valid,
                false,
                List.of(
                        Field.integer("id", true, 1, Long.MAX_VALUE),
                        Field.bool("approve", true),
                        Field.freeText(
                                "deny_reason",
                                concat(HOSTILE_STRINGS, List.of("a".repeat(10_001))),
                                value -> answer -> assertThat(server.rows(
                                                "SELECT deny_reason FROM registration_application " + "WHERE id = ?",
                                                applicationId))
                                        .containsExactly(value))));
        run(cases);
    }

    @Test
    void listUsers() {
        Cases cases = new Cases("GET /admin/users");
        String admin = harness.adminToken();
        String member = harness.member().token();
        transportCases(cases, "GET", "/api/v4/admin/users", admin, true, null);
        cases.add(
                "a member's session",
                Expect.REFUSED,
                () -> client.json("GET", "/api/v4/admin/users", member, (byte[]) null));
        cases.add(
                "an inviter that is no account",
                Expect.REFUSED,
                () -> client.json(
                        "GET", "/api/v4/admin/users?invited_by_local_user_id=" + Long.MAX_VALUE, admin, (byte[]) null));
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("banned_only", concat(List.of("", "yes", "no", "1", "0", "TRUE", "True", "false ", "t"), SQL));
        bad.put(
                "sort",
                concat(
                        List.of(
                                "",
                                "NEW",
                                "Old",
                                "new ",
                                " old",
                                "newest",
                                "hot",
                                "top",
                                "0",
                                "new\u0000",
                                "a".repeat(3_000)),
                        SQL));
        bad.put(
                "invited_by_local_user_id",
                concat(
                        List.of(
                                "",
                                "abc",
                                "1.5",
                                "1e3",
                                "-1",
                                "0",
                                "9223372036854775808",
                                "99999999999999999999",
                                "0x10",
                                " 1",
                                "1 ",
                                "+",
                                "\u0661",
                                "１",
                                "1abc",
                                "NaN",
                                "9".repeat(3_000)),
                        SQL));
        bad.put("limit", NOT_LIMITS);
        bad.put("page_cursor", notCursors("inv"));
        queryCases(cases, "/api/v4/admin/users", admin, bad, Expect.REFUSED);
        run(cases);
    }

    @Test
    void banPerson() {
        Harness.Member victim = harness.member();
        String admin = harness.adminToken();
        String member = harness.member().token();
        String path = "/api/v4/admin/ban";
        Cases cases = new Cases("POST /admin/ban");
        Supplier<Map<String, String>> valid = () -> fields(
                "person_id",
                String.valueOf(victim.id()),
                "ban",
                "true",
                "reason",
                str("hostile input"),
                "include_invitees",
                "false");
        transportCases(cases, "POST", path, admin, true, obj(valid.get()));
        cases.add("a member's session", Expect.REFUSED, () -> client.json("POST", path, member, obj(valid.get())));
        cases.add(
                "a person that is no account",
                Expect.REFUSED,
                () -> client.json(
                        "POST",
                        path,
                        admin,
                        obj(fields("person_id", String.valueOf(Long.MAX_VALUE), "ban", "true", "reason", str("x")))));
        cases.add(
                "an admin as the person",
                Expect.REFUSED,
                () -> client.json(
                        "POST",
                        path,
                        admin,
                        obj(fields(
                                "person_id", String.valueOf(harness.adminId()), "ban", "true", "reason", str("x")))));
        cases.add("reason missing", Expect.REFUSED, () -> {
            Map<String, String> body = valid.get();
            body.remove("reason");
            return client.json("POST", path, admin, obj(body));
        });
        cases.add("reason = null", Expect.REFUSED, () -> {
            Map<String, String> body = valid.get();
            body.put("reason", "null");
            return client.json("POST", path, admin, obj(body));
        });
        for (String past : List.of(
                "1", "1000000000", String.valueOf(java.time.Instant.now().getEpochSecond() - 1))) {
            cases.add("expires_at = " + past + ", in the past", Expect.REFUSED, () -> {
                Map<String, String> body = valid.get();
                body.put("expires_at", past);
                return client.json("POST", path, admin, obj(body));
            });
        }
        bodyCases(
                cases,
                "POST",
                path,
                () -> admin,
                valid,
                false,
                List.of(
                        Field.integer("person_id", true, 1, Long.MAX_VALUE),
                        Field.bool("ban", true),
                        Field.freeText(
                                "reason",
                                concat(HOSTILE_STRINGS, List.of("", "   ", "a".repeat(1_001))),
                                value -> answer -> assertThat(server.rows(
                                                "SELECT ban_reason FROM local_user WHERE id = ?", victim.id()))
                                        .containsExactly(value)),
                        Field.integer("expires_at", false, 1, 253_402_300_799L),
                        Field.bool("include_invitees", false)));
        run(cases);
        assertThat(server.count("SELECT count(*) FROM local_user WHERE banned_at IS NOT NULL AND id <> ?", victim.id()))
                .as("nobody but the victim was ever banned")
                .isZero();
    }

    // ---------------------------------------------------------------- the admin's invite branch

    /** Values of {@code person_id} and {@code local_user_id} that name no account's id. */
    private static final List<String> NOT_IDS = concat(
            List.of(
                    "",
                    "abc",
                    "1.5",
                    "1e3",
                    "-1",
                    "0",
                    "9223372036854775808",
                    "99999999999999999999",
                    "0x10",
                    " 1",
                    "1 ",
                    "+",
                    "\u0661",
                    "１",
                    "1abc",
                    "NaN",
                    "9".repeat(3_000)),
            SQL);

    /** A listing about one account: the id, then the page's limit and cursor, each as a bad value. */
    private void accountListing(String route, String otherListing) {
        Harness.Member member = harness.member();
        harness.createInvite(member.token());
        String path = "/api/v4" + route;
        String admin = harness.adminToken();
        Cases cases = new Cases("GET " + route);
        transportCases(cases, "GET", path + "?local_user_id=" + member.id(), admin, true, null);
        cases.add(
                "a member's session",
                Expect.REFUSED,
                () -> client.json("GET", path + "?local_user_id=" + member.id(), member.token(), (byte[]) null));
        cases.add("no local_user_id", Expect.REFUSED, () -> client.json("GET", path, admin, (byte[]) null));
        cases.add(
                "an id that names no account",
                Expect.REFUSED,
                () -> client.json("GET", path + "?local_user_id=" + Long.MAX_VALUE, admin, (byte[]) null));
        queryCases(cases, path, admin, Map.of("local_user_id", NOT_IDS), Expect.REFUSED);
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("limit", NOT_LIMITS);
        bad.put("page_cursor", notCursors(otherListing));
        queryCases(cases, path + "?local_user_id=" + member.id(), admin, bad, Expect.REFUSED);
        run(cases);
    }

    @Test
    void inviteTree() {
        accountListing("/admin/invite/tree", "inv");
    }

    @Test
    void inviteAncestry() {
        accountListing("/admin/invite/ancestry", "tree");
    }

    @Test
    void userInvites() {
        accountListing("/admin/invite/list", "app");
    }

    @Test
    void moderationLog() {
        Cases cases = new Cases("GET /admin/invite/log");
        String admin = harness.adminToken();
        String member = harness.member().token();
        transportCases(cases, "GET", "/api/v4/admin/invite/log", admin, true, null);
        cases.add(
                "a member's session",
                Expect.REFUSED,
                () -> client.json("GET", "/api/v4/admin/invite/log", member, (byte[]) null));
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("limit", NOT_LIMITS);
        bad.put("page_cursor", notCursors("inv"));
        queryCases(cases, "/api/v4/admin/invite/log", admin, bad, Expect.REFUSED);
        run(cases);
    }

    /** The reasons a moderation body is tried with: hostile text, and the bounds of a reason's length. */
    private static final List<String> REASONS =
            concat(HOSTILE_STRINGS, List.of("", " ", "r".repeat(1_000), "r".repeat(1_001)));

    /** After an accepted moderation action: its log line carries the reason exactly as sent. */
    private static Verifier loggedReason(String reason) {
        return answer -> assertThat(server.rows("SELECT reason FROM moderation_log ORDER BY id DESC LIMIT 1"))
                .containsExactly(reason);
    }

    /** A moderation body endpoint: the target, the refusals of its people, then each field. */
    private void moderation(String method, String route, Map<String, String> fields, List<Field> fieldCases) {
        Harness.Member target = harness.member();
        Harness.Member member = harness.member();
        String path = "/api/v4" + route;
        String admin = harness.adminToken();
        Supplier<Map<String, String>> valid = () -> {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("local_user_id", String.valueOf(target.id()));
            body.putAll(fields);
            return body;
        };
        Cases cases = new Cases(method + " " + route);
        transportCases(cases, method, path, admin, true, obj(valid.get()));
        cases.add(
                "a member's session",
                Expect.REFUSED,
                () -> client.json(method, path, member.token(), obj(valid.get())));
        cases.add(
                "the target's own session",
                Expect.REFUSED,
                () -> client.json(method, path, target.token(), obj(valid.get())));
        Map<String, String> atAnAdmin = valid.get();
        atAnAdmin.put("local_user_id", String.valueOf(harness.adminId()));
        cases.add("an admin as the target", Expect.REFUSED, () -> client.json(method, path, admin, obj(atAnAdmin)));
        Map<String, String> atNobody = valid.get();
        atNobody.put("local_user_id", String.valueOf(Long.MAX_VALUE));
        cases.add("an id that names no account", Expect.REFUSED, () -> client.json(method, path, admin, obj(atNobody)));
        Map<String, String> withoutReason = valid.get();
        withoutReason.remove("reason");
        cases.add("reason missing", Expect.REFUSED, () -> client.json(method, path, admin, obj(withoutReason)));
        Map<String, String> nullReason = valid.get();
        nullReason.put("reason", "null");
        cases.add("reason = null", Expect.REFUSED, () -> client.json(method, path, admin, obj(nullReason)));
        bodyCases(cases, method, path, () -> admin, valid, false, fieldCases);
        run(cases);
        assertThat(harness.me(target.token()).path("id").asLong())
                .as("the target is still there")
                .isEqualTo(target.id());
    }

    @Test
    void revokeAllInvites() {
        moderation(
                "POST",
                "/admin/invite/revoke_all",
                fields("include_invitees", "true", "reason", str("spam")),
                List.of(
                        Field.integer("local_user_id", true, 1, Long.MAX_VALUE),
                        Field.bool("include_invitees", false),
                        Field.freeText("reason", REASONS, HostileInputEndToEndTest::loggedReason)));
    }

    @Test
    void changeInvitePermission() {
        moderation(
                "PUT",
                "/admin/invite/permission",
                fields("can_invite", "true", "include_invitees", "false", "reason", str("vouched for")),
                List.of(
                        Field.integer("local_user_id", true, 1, Long.MAX_VALUE),
                        Field.bool("can_invite", true),
                        Field.bool("include_invitees", false),
                        Field.freeText("reason", REASONS, HostileInputEndToEndTest::loggedReason)));
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> headers(String token, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (token != null) {
            all.add("Authorization: Bearer " + token);
        }
        return all;
    }

    private static byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int start = 0; start < body.length; start += 8192) {
            int length = Math.min(8192, body.length - start);
            out.writeBytes(utf8(Integer.toHexString(length) + "\r\n"));
            out.write(body, start, length);
            out.writeBytes(utf8("\r\n"));
        }
        out.writeBytes(utf8("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static String swapCase(String text) {
        return text.chars()
                .mapToObj(c -> String.valueOf(
                        (char) (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))))
                .collect(Collectors.joining());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String shorten(String text) {
        String printable = text.chars()
                .mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c))
                .collect(Collectors.joining());
        return printable.length() > 120
                ? printable.substring(0, 120) + "… (" + text.length() + " characters)"
                : printable;
    }
}
