package guestlist.bootstrap.hostile;

import guestlist.testsupport.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Random request bodies from one seeded {@link Random}, so that any run can be replayed: JSON trees
 * of random shape and types (with the endpoint's own field names among random ones), random bytes,
 * and valid requests with random mutations.
 */
final class RandomInput {

    private static final List<String> SPECIAL_STRINGS = List.of(
            "",
            " ",
            "null",
            "true",
            "0",
            "-1",
            "1e400",
            "'; DROP TABLE local_user; --",
            "\" OR 1=1 --",
            "admin'--",
            "\u0000",
            "a\u0000b",
            "\uD800",
            "\uDC00x",
            "\uD835\uDD4F",
            "\uFEFF",
            "\u202E",
            "\r\n",
            "\\",
            "\"",
            "%00",
            "%s%n",
            "${jndi:ldap://127.0.0.1:1/a}",
            "<script>",
            "open",
            "closed",
            "require_application",
            "require_invitation",
            "2030-01-01T00:00:00Z",
            "1999-01-01T00:00:00Z",
            "someone@example.com",
            Credentials.PASSWORD,
            Credentials.ADMIN_NAME,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    private static final List<String> NUMBERS = List.of(
            "0",
            "1",
            "-1",
            "10",
            "50",
            "51",
            "1000000",
            "1000001",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999",
            "1.5",
            "-0",
            "-0.0",
            "1e2",
            "1E400",
            "-1e400",
            "1e-400",
            "0.000001",
            "123456789012345678901234567890",
            "1234567890123456789012345678901");

    private final Random random;

    RandomInput(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A JSON text, an object most of the time, whose names are mostly {@code fields}. */
    String jsonTree(List<String> fields) {
        int depthLimit = chance(0.1) ? 20 + random.nextInt(30) : 1 + random.nextInt(4);
        if (chance(0.85)) {
            return object(fields, 0, depthLimit);
        }
        return value(fields, 0, depthLimit);
    }

    private String object(List<String> fields, int depth, int depthLimit) {
        int size = depth > 4 ? 1 : random.nextInt(fields.isEmpty() ? 4 : fields.size() + 3);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = !fields.isEmpty() && chance(0.75) ? pick(fields) : string();
            members.add(Json.str(name) + ":" + value(fields, depth + 1, depthLimit));
        }
        return members.stream().collect(Collectors.joining(",", "{", "}"));
    }

    private String value(List<String> fields, int depth, int depthLimit) {
        int kind = random.nextInt(depth >= depthLimit ? 5 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> number();
            case 3, 4 -> Json.str(string());
            case 5 -> {
                int size = depth > 4 ? 1 : random.nextInt(4);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    items.add(value(fields, depth + 1, depthLimit));
                }
                yield items.stream().collect(Collectors.joining(",", "[", "]"));
            }
            default -> object(fields, depth + 1, depthLimit);
        };
    }

    String number() {
        if (chance(0.5)) {
            return pick(NUMBERS);
        }
        if (chance(0.5)) {
            return Long.toString(random.nextLong() >> random.nextInt(64));
        }
        return Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20));
    }

    /** Random text: special values, random characters of every kind, sometimes very long. */
    String string() {
        if (chance(0.35)) {
            return pick(SPECIAL_STRINGS);
        }
        int length = chance(0.05) ? 1_000 + random.nextInt(5_000) : random.nextInt(40);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                case 3 -> text.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
                case 4 -> text.append("\"\\'%;-_=@.:/<>{}[]".charAt(random.nextInt(18)));
                default -> text.append((char) (0x21 + random.nextInt(0x5e)));
            }
        }
        return text.toString();
    }

    /** Random bytes, fully random or printable, short or up to 4 KiB. */
    byte[] bytes() {
        byte[] bytes = new byte[chance(0.2) ? random.nextInt(4_096) : random.nextInt(64)];
        if (chance(0.5)) {
            random.nextBytes(bytes);
        } else {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (0x20 + random.nextInt(0x5f));
            }
        }
        return bytes;
    }

    /**
     * A valid body with random mutations: most often one field's value replaced by a random string
     * of the same JSON type (so the body stays well-formed and reaches validation, storage and
     * hashing), else fields removed, added or given values of other types; and, a third of the
     * time, one to five byte mutations on top (flipped, inserted, deleted, cut off, repeated).
     */
    byte[] mutate(Map<String, String> valid) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(valid);
        List<String> names = new ArrayList<>(fields.keySet());
        String text;
        double kind = random.nextDouble();
        if (kind < 0.5 && !names.isEmpty()) {
            fields.put(pick(names), Json.str(string()));
            text = Json.obj(fields);
        } else if (kind < 0.8 && !names.isEmpty()) {
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                String name = pick(names);
                switch (random.nextInt(4)) {
                    case 0 -> fields.remove(name);
                    case 1 -> fields.put(string(), value(names, 1, 3));
                    default -> fields.put(name, value(names, 1, 3));
                }
            }
            text = Json.obj(fields);
            if (chance(0.1)) {
                // a field given twice
                String name = pick(names);
                text = text.substring(0, text.length() - 1) + (fields.isEmpty() ? "" : ",") + Json.str(name) + ":"
                        + value(names, 1, 2) + "}";
            }
        } else {
            text = Json.obj(fields);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int byteMutations = chance(0.65) ? 0 : 1 + random.nextInt(5);
        for (int i = 0; i < byteMutations && bytes.length > 0; i++) {
            bytes = mutateBytes(bytes);
        }
        return bytes;
    }

    private byte[] mutateBytes(byte[] bytes) {
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(6)) {
            case 0 -> {
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                return copy;
            }
            case 2 -> {
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                return copy;
            }
            case 3 -> {
                return java.util.Arrays.copyOf(bytes, at);
            }
            case 4 -> {
                int end = at + random.nextInt(bytes.length - at) + 1;
                byte[] copy = new byte[bytes.length + end - at];
                System.arraycopy(bytes, 0, copy, 0, end);
                System.arraycopy(bytes, at, copy, end, bytes.length - at);
                return copy;
            }
            default -> {
                byte[] copy = bytes.clone();
                byte[] structural = "{}[]\",:\\0 ".getBytes(StandardCharsets.US_ASCII);
                copy[at] = structural[random.nextInt(structural.length)];
                return copy;
            }
        }
    }
}
