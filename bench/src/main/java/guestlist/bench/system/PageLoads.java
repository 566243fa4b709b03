package guestlist.bench.system;

import guestlist.bench.result.Row;
import guestlist.bench.result.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The pages for people in Debian's headless chromium ({@value #CHROMIUM}, through {@value
 * #CHROMEDRIVER}; nothing is downloaded), on loopback: for each page, the time from the start of the
 * navigation until the page marks itself interactive ({@code performance.mark("guestlist-ready")},
 * set once its data is drawn and its controls answer), with the browser's cache off (every load
 * fetches the page and its files, as a first visit does), against the budget of 300 ms; and what the
 * page's own HTML, CSS and JavaScript weigh, uncompressed, against 60 KiB. The pages that need a
 * session are measured as the admin (the benchmark's admin session, as the cookie), which sees the
 * most.
 */
public final class PageLoads {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final double BUDGET_MS = 300;
    static final double WEIGHT_BUDGET_KIB = 60;

    private static final List<String> ANONYMOUS = List.of("/", "/signup", "/login");
    private static final List<String> LOGGED_IN = List.of("/invites", "/account", "/admin");

    private static final String READY = "return document.documentElement.dataset.ready === 'true'";
    private static final String INTERACTIVE =
            "const m = performance.getEntriesByName('guestlist-ready', 'mark'); return m.length ? m[0].startTime : -1";
    private static final String WEIGHT = "const seen = new Map();"
            + " const page = performance.getEntriesByType('navigation')[0];"
            + " seen.set(page.name, page.decodedBodySize);"
            + " for (const r of performance.getEntriesByType('resource'))"
            + "   if (r.name.includes('/assets/')) seen.set(r.name, r.decodedBodySize);"
            + " let sum = 0; for (const size of seen.values()) sum += size; return sum;";

    private PageLoads() {}

    /** Whether the browser and its driver are installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    /**
     * Loads every page {@code warmUps} times, then {@code loads} times measured; returns a row of its
     * median time to interactive and one of its weight for each.
     */
    public static List<Row> measure(Server.Running server, Path adminToken, int warmUps, int loads) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            List<Row> rows = new ArrayList<>();
            for (String path : ANONYMOUS) {
                rows.addAll(page(driver, server.url(path), path, warmUps, loads));
            }
            driver.get(server.url("/login"));
            driver.manage()
                    .addCookie(new Cookie.Builder(
                                    "jwt", Files.readString(adminToken).trim())
                            .path("/")
                            .isHttpOnly(true)
                            .sameSite("Strict")
                            .build());
            for (String path : LOGGED_IN) {
                rows.addAll(page(driver, server.url(path), path, warmUps, loads));
            }
            return rows;
        } finally {
            driver.quit();
        }
    }

    private static List<Row> page(ChromeDriver driver, String url, String path, int warmUps, int loads) {
        double[] times = new double[loads];
        double weight = 0;
        for (int i = -warmUps; i < loads; i++) {
            driver.get(url);
            awaitReady(driver, url);
            double interactive = ((Number) driver.executeScript(INTERACTIVE)).doubleValue();
            if (interactive < 0) {
                throw new IllegalStateException(url + " marked itself ready without the performance mark");
            }
            if (i >= 0) {
                times[i] = interactive;
                weight = ((Number) driver.executeScript(WEIGHT)).doubleValue();
            }
        }
        Arrays.sort(times);
        double median = percentile(times, 0.50);
        double p95 = percentile(times, 0.95);
        Log.line(
                "page %s: time to interactive median %.0f ms, p95 %.0f ms, max %.0f ms; %.1f KiB",
                path, median, p95, times[times.length - 1], weight / 1024);
        double kib = weight / 1024;
        return List.of(
                Row.info(
                                String.format(
                                        Locale.ROOT,
                                        "page %s, time to interactive (median of %d; p95 %.0f ms)",
                                        path,
                                        loads,
                                        p95),
                                String.format(Locale.ROOT, "%.0f ms", median))
                        .judged(
                                "budget",
                                String.format(Locale.ROOT, "%.0f ms", BUDGET_MS),
                                median / BUDGET_MS,
                                Target.atMost(1.0)),
                Row.info("page " + path + ", HTML + CSS + JS", String.format(Locale.ROOT, "%.1f KiB", kib))
                        .judged(
                                "budget",
                                String.format(Locale.ROOT, "%.0f KiB", WEIGHT_BUDGET_KIB),
                                kib / WEIGHT_BUDGET_KIB,
                                Target.atMost(1.0)));
    }

    private static void awaitReady(ChromeDriver driver, String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(driver.executeScript(READY))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " was not ready within 30 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    private static double percentile(double[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
