package guestlist.adapters.rest.pages;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.error.ErrorTable;
import guestlist.adapters.rest.error.ErrorTable.WireError;
import guestlist.adapters.rest.error.RequestError;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files of the pages as the jar ships them: complete, small, and free of anything the CSP would block. */
class PageFilesTest {

    /** SPEC §7 via the issue: each page's own HTML, CSS and JavaScript together under 60 KiB. */
    static final int WEIGHT_LIMIT = 60 * 1024;

    private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"/assets/([a-z-]+\\.(?:js|css))\"");
    private static final Pattern IMPORTED = Pattern.compile("from \"\\./([a-z-]+\\.js)\"");

    private static String read(String name) {
        ByteBuffer content = Pages.load(name).content().duplicate();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int size(String name) {
        return Pages.load(name).length();
    }

    /** The page's file, and every style sheet and module it loads, modules' imports included. */
    static Set<String> filesOf(String page) {
        Set<String> files = new LinkedHashSet<>();
        files.add(page);
        Deque<String> pending = new ArrayDeque<>();
        Matcher loaded = LOADED.matcher(read(page));
        while (loaded.find()) {
            pending.add(loaded.group(1));
        }
        while (!pending.isEmpty()) {
            String file = pending.poll();
            if (files.add(file) && file.endsWith(".js")) {
                Matcher imported = IMPORTED.matcher(read(file));
                while (imported.find()) {
                    pending.add(imported.group(1));
                }
            }
        }
        return files;
    }

    @Test
    void everyPageWithWhatItLoadsWeighsLessThan60KiB() {
        Map<String, Integer> weights = new TreeMap<>();
        for (Map.Entry<String, String> page : Pages.PAGES.entrySet()) {
            weights.put(
                    page.getKey(),
                    filesOf(page.getValue()).stream()
                            .mapToInt(PageFilesTest::size)
                            .sum());
        }
        System.out.println("page weights (HTML + CSS + JS, uncompressed, bytes): " + weights);
        assertThat(weights)
                .allSatisfy(
                        (page, bytes) -> assertThat(bytes).as("%s weighs", page).isLessThan(WEIGHT_LIMIT));
        assertThat(filesOf("admin.html"))
                .as("the walk follows the imports")
                .contains("admin.js", "ui.js", "api.js", "words.js", "site.css");
    }

    @Test
    void everyFileAPageLoadsIsServed() {
        for (String page : Pages.PAGES.values()) {
            for (String file : filesOf(page)) {
                assertThat(Pages.ASSETS.contains(file) || file.equals(page))
                        .as("%s, loaded by %s, is in Pages.ASSETS", file, page)
                        .isTrue();
            }
        }
    }

    @Test
    void noPageHasInlineScriptStyleOrEventHandlers() {
        for (String page : Stream.concat(Pages.PAGES.values().stream(), Stream.of(Pages.NOT_FOUND_PAGE))
                .toList()) {
            String html = read(page);
            assertThat(html)
                    .as(page)
                    .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContain("<style")
                    .doesNotContainPattern("\\sstyle=")
                    .doesNotContainPattern("\\son[a-z]+=")
                    .doesNotContain("//")
                    .contains("<html lang=\"en\">")
                    .contains("<meta name=\"viewport\"");
        }
    }

    @Test
    void noScriptWritesHtml() {
        for (String file : Pages.ASSETS) {
            if (file.endsWith(".js")) {
                assertThat(read(file))
                        .as("%s sets every text as text", file)
                        .doesNotContain("innerHTML")
                        .doesNotContain("outerHTML")
                        .doesNotContain("insertAdjacentHTML")
                        .doesNotContain("document.write")
                        .doesNotContain("eval(")
                        .doesNotContain("new Function");
            }
        }
    }

    @Test
    void everyErrorCodeOfTheApiHasWords() {
        Set<String> codes = Stream.of(
                        Arrays.stream(Rule.values()).map(ErrorTable::of),
                        Arrays.stream(Reason.values()).map(ErrorTable::of),
                        Arrays.stream(RequestError.values()).map(ErrorTable::of))
                .flatMap(rows -> rows)
                .map(WireError::code)
                .collect(Collectors.toSet());
        Matcher entry =
                Pattern.compile("(?m)^  ([a-z_]+): \\[\"([a-z_]*)\", \\(").matcher(read("words.js"));
        Set<String> worded = new LinkedHashSet<>();
        while (entry.find()) {
            worded.add(entry.group(1));
        }

        assertThat(codes).contains("cross_site_request", "invalid_invite_token", "service_unavailable");
        assertThat(worded).containsAll(codes);
        assertThat(worded)
                .as("and nothing the API never says, but a lost connection")
                .hasSize(codes.size() + 1);
    }
}
