package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's chromium, headless, driven through Debian's chromedriver
 * ({@value #CHROMEDRIVER}, given explicitly: Selenium's manager, which would download a driver, never
 * runs), with a fresh profile of its own. It finds things as a person does, by the words on the
 * screen: fields by their label, buttons by their text.
 *
 * <p>Every document it opens records, from before the page's own script runs, any Content Security
 * Policy violation and any call of {@code alert}, {@code confirm} or {@code prompt} (the calls do
 * nothing else), so that a test can ask whether a hostile text did anything.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path AXE = Path.of("..", "a11y", "node_modules", "axe-core", "axe.min.js");
    static final Path SCREENSHOTS = Path.of("target", "pages-screenshots");

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final String WATCH = """
            window.__csp = [];
            window.__dialogs = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
            for (const name of ['alert', 'confirm', 'prompt']) {
              window[name] = (message) => { window.__dialogs.push(name + ': ' + message); };
            }
            """;

    private final ChromeDriver driver;
    private final String base;
    private final int width;

    /** Fails, saying what to install, when the browser, its driver or axe-core is missing. */
    static void requireInstalled() {
        assertThat(Path.of(CHROMIUM))
                .as("the browser tests need Debian's chromium (apt-get install chromium chromium-driver);"
                        + " .ci/run installs it when it is missing")
                .isExecutable();
        assertThat(Path.of(CHROMEDRIVER))
                .as("the browser tests need Debian's chromedriver (apt-get install chromium-driver);"
                        + " .ci/run installs it when it is missing")
                .isExecutable();
        assertThat(AXE)
                .as("the accessibility check needs axe-core: run `npm ci` in a11y/ (.ci/run does)")
                .isRegularFile();
    }

    /** A new browser with a fresh profile, its window {@code width} CSS pixels wide, on the server at {@code base}. */
    Browser(String base, int width) {
        this.base = base;
        this.width = width;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--lang=en-US",
                "--window-size=" + width + ",900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
        driver.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("origin", base, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    ChromeDriver driver() {
        return driver;
    }

    int width() {
        return width;
    }

    /** Shows times as someone in {@code zone} sees them (an IANA zone, e.g. {@code Asia/Kathmandu}). */
    void inTimeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /** Opens a path (or a whole address) and waits until the page is drawn and answers input. */
    Browser open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return awaitReady();
    }

    /** Waits until the current page has drawn itself (its script marks the document ready). */
    Browser awaitReady() {
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "the page " + driver.getCurrentUrl() + " to be ready; it shows: " + text())
                .until(d -> notYetIfReplaced(
                        () -> Boolean.TRUE.equals(driver.executeScript("return document.readyState === 'complete'"
                                + " && document.documentElement.dataset.ready === 'true'"))));
        return this;
    }

    /** Waits until the browser is on {@code path} (after a form sent it there) and that page is ready. */
    Browser awaitPage(String path) {
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "to arrive at " + path + "; at " + driver.getCurrentUrl() + " showing " + text())
                .until(d -> {
                    String url = driver.getCurrentUrl();
                    return url != null && url.startsWith(base + path);
                });
        return awaitReady();
    }

    /** Waits until the page's text holds {@code words}. */
    Browser awaitText(String words) {
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "the page to say \"" + words + "\"; it shows: " + text())
                .until(d -> notYetIfReplaced(() -> text().contains(words)));
        return this;
    }

    /**
     * Everything the page shows, as a person reads it. When the page is replaced between finding its
     * body and reading it (a form just sent the browser on), it reads the new page's body.
     */
    String text() {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.findElement(By.tagName("body")).getText();
            } catch (WebDriverException navigatedMeanwhile) {
                if (attempt == 10 || !replacedMeanwhile(navigatedMeanwhile)) {
                    throw navigatedMeanwhile;
                }
                pause(Duration.ofMillis(50));
            }
        }
    }

    /**
     * Whether {@code e} says only that the document changed under the driver: the element found is
     * stale, or chromium's inspector reports the node gone from the document (its "unknown error").
     */
    static boolean replacedMeanwhile(WebDriverException e) {
        if (e instanceof StaleElementReferenceException) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("does not belong to the document")
                || message.contains("No node with given id")
                || message.contains("Execution context was destroyed");
    }

    /** {@code check}'s answer, or not yet when the page was replaced while it looked. */
    private static boolean notYetIfReplaced(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (WebDriverException e) {
            if (replacedMeanwhile(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the page changed", e);
        }
    }

    /** The field whose {@code <label>} reads exactly {@code label}. */
    WebElement field(String label) {
        List<WebElement> labels = driver.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"));
        assertThat(labels)
                .as("a label \"%s\" on %s, which shows: %s", label, driver.getCurrentUrl(), text())
                .isNotEmpty();
        WebElement labelElement = labels.get(0);
        assertThat(labelElement.isDisplayed())
                .as("the label \"%s\" is visible", label)
                .isTrue();
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    boolean hasField(String label) {
        return !driver.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"))
                .isEmpty();
    }

    /** The button that reads exactly {@code text} (the first, when there are several). */
    WebElement button(String text) {
        List<WebElement> buttons = driver.findElements(By.xpath("//button[normalize-space(.)=" + literal(text) + "]"));
        assertThat(buttons)
                .as("a button \"%s\" on %s, which shows: %s", text, driver.getCurrentUrl(), text())
                .isNotEmpty();
        return buttons.get(0);
    }

    Browser type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Picks the option whose text starts with {@code optionText} in the select labelled {@code label}. */
    Browser choose(String label, String optionText) {
        WebElement select = field(label);
        select.findElement(By.xpath(".//option[starts-with(normalize-space(.), " + literal(optionText) + ")]"))
                .click();
        return this;
    }

    Browser press(String buttonText) {
        button(buttonText).click();
        return this;
    }

    /** The words shown next to the field labelled {@code label} as its error, waited for. */
    String errorAt(String label) {
        WebElement input = field(label);
        WebElement container = input.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"));
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "an error next to \"" + label + "\"; the page shows: " + text())
                .until(d -> !container.findElements(By.className("error")).isEmpty());
        assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
        return container.findElement(By.className("error")).getText();
    }

    /** The words of the error shown for a form as a whole, waited for. */
    String formError() {
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "an error for the form; the page shows: " + text())
                .until(d ->
                        !driver.findElements(By.cssSelector("form > p.error")).isEmpty());
        return driver.findElement(By.cssSelector("form > p.error")).getText();
    }

    // --- keyboard alone ---

    /** Presses keys as a person types them, into whatever has the focus. */
    Browser keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /**
     * Presses Tab until {@code target} has the focus, checking at every stop that the focus can be
     * seen; fails after 80 presses.
     */
    Browser tabTo(WebElement target) {
        for (int presses = 0; presses < 80; presses++) {
            keys(Keys.TAB);
            WebElement focused = driver.switchTo().activeElement();
            assertFocusVisible(focused);
            if (focused.equals(target)) {
                return this;
            }
        }
        throw new AssertionError("Tab never reached " + target + " on " + driver.getCurrentUrl());
    }

    Browser tabToField(String label) {
        return tabTo(field(label));
    }

    Browser tabToButton(String text) {
        return tabTo(button(text));
    }

    /** The element with the focus shows it: an outline or a ring that is not nothing. */
    void assertFocusVisible(WebElement focused) {
        String outline = (String) driver.executeScript(
                "const s = getComputedStyle(arguments[0]);"
                        + " return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow"
                        + " + ' ' + arguments[0].matches(':focus-visible');",
                focused);
        assertThat(outline)
                .as(
                        "the focus on <%s> %s is visible",
                        focused.getTagName(),
                        focused.getText().isEmpty() ? focused.getAttribute("name") : focused.getText())
                .doesNotStartWith("none")
                .doesNotContain(" 0px none")
                .endsWith("true");
    }

    // --- what a hostile text could have done ---

    @SuppressWarnings("unchecked")
    List<String> cspViolations() {
        return new ArrayList<>((List<String>) driver.executeScript("return window.__csp || []"));
    }

    @SuppressWarnings("unchecked")
    List<String> dialogs() {
        return new ArrayList<>((List<String>) driver.executeScript("return window.__dialogs || []"));
    }

    /** The console messages since the last call (chromium logs every CSP violation there). */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString)
                .toList();
    }

    // --- accessibility ---

    /** axe-core's findings of impact serious or critical on the page as it is now. */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityFindings() {
        String axe;
        try {
            axe = Files.readString(AXE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    // --- pictures ---

    /** A picture of the whole page as it is now, under {@code target/pages-screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            long height = (Long) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", Math.min(height, 4000), "deviceScaleFactor", 1, "mobile", false));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            return Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A picture of what the window shows now (not the whole page), under {@code target/pages-screenshots/<name>.png}. */
    Path viewportScreenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean has(By locator) {
        try {
            driver.findElement(locator);
            return true;
        } catch (NoSuchElementException none) {
            return false;
        }
    }

    /** An XPath string literal of any text (quotes included). */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
