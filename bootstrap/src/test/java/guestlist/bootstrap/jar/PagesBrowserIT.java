package guestlist.bootstrap.jar;

import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.Ports;
import guestlist.testsupport.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The pages of SPEC §7 as people use them: Debian's chromium (see {@link Browser}) on the built jar,
 * run as a process on a PostgreSQL of the test's own, every journey at desktop width and at 360 px.
 * Each journey's last state is pictured under {@code target/pages-screenshots}.
 *
 * <p>The browser, its driver and axe-core are needed: {@code .ci/run} installs them when missing, and
 * without them this test fails saying what to install (as {@link NginxIT} does without nginx).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesBrowserIT {

    static final int DESKTOP = 1280;
    static final int PHONE = 360;
    static final String PASSWORD = Credentials.PASSWORD;
    static final String HOSTILE = "<img src=x onerror=alert(1)>\"><script>alert(2)</script>";

    private final AtomicInteger names = new AtomicInteger();
    private final List<Browser> browsers = new ArrayList<>();
    private Path work;
    private TestPostgres postgres;
    private ServerProcess server;
    private String base;
    private HttpApi api;
    private String admin;

    @BeforeAll
    void startTheJar() throws Exception {
        Browser.requireInstalled();
        work = Files.createTempDirectory("guestlist-pages-");
        postgres = TestPostgres.start();
        int port = Ports.free();
        base = "http://127.0.0.1:" + port;
        Map<String, String> env = ServerProcess.environment(port, postgres);
        env.put("GUESTLIST_PUBLIC_URL", base);
        server = ServerProcess.launch("guestlist", env, work.resolve("guestlist.log"));
        server.awaitHealthy(Duration.ofMinutes(2));
        api = server.api();
        admin = api.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
    }

    @AfterAll
    void stopTheJar() {
        try {
            browsers.forEach(Browser::close);
            if (server != null) {
                server.askToStop();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            Directories.deleteRecursively(work);
        }
    }

    // --- 1. an invite, from the admin's setting to the newcomer's welcome ---------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(1)
    void anInviteTakesANewcomerFromTheLinkToAWelcomeThatNamesTheInviter(int width) {
        setSite(object("registration_mode", "open", "name", "Guestlist", "invites_per_user_per_day", 3));
        String member = name("alice", width);
        register(member, null);

        Browser adminBrowser = loggedIn(width, Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        adminBrowser.open("/admin").choose("Who may join", "Only people with an invite");
        adminBrowser.press("Save settings").awaitText("Settings saved.");
        assertThat(mode()).isEqualTo("require_invitation");

        Browser memberBrowser = loggedIn(width, member, PASSWORD);
        memberBrowser.inTimeZone("Asia/Kathmandu");
        memberBrowser.open("/invites").choose("Uses", "1 person").type("Comment (optional)", "for my neighbour");
        memberBrowser.press("Create invite").awaitText("Invite created.");
        String link = copiedLink(memberBrowser);
        memberBrowser.awaitText("You hold 1 unused invite of at most 10: 9 left.");
        assertThat(memberBrowser.text())
                .contains("for my neighbour")
                .contains("Used 0 of 1 time.")
                .contains("In the last 24 hours you created 1 of at most 3 invites a day: 2 left.");
        assertExpiryInLocalTime(memberBrowser, member, ZoneId.of("Asia/Kathmandu"));
        memberBrowser.screenshot("1-invite-created-" + width);

        String newcomer = name("bob", width);
        Browser fresh = browser(width).open(link).awaitText("Your invite is valid");
        assertThat(fresh.text()).contains("You are joining Guestlist");
        fresh.type("Username", newcomer).type("Password", PASSWORD).type("Repeat password", PASSWORD);
        fresh.press("Sign up").awaitPage("/?welcome");
        assertThat(fresh.text())
                .contains("Welcome to Guestlist, " + newcomer + "!")
                .contains("You were invited by " + member + ".");
        Cookie session = fresh.driver().manage().getCookieNamed("jwt");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        fresh.screenshot("1-welcome-" + width);

        Browser third = browser(width).open(link).awaitText("cannot be used any more");
        assertThat(third.hasField("Username")).as("no form for a used-up link").isFalse();
        assertThat(third.has(By.tagName("form"))).isFalse();
        third.screenshot("1-used-up-" + width);
    }

    // --- 2. an application, approved and denied -----------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(2)
    void anApplicationWaitsIsApprovedInTheAdminPageAndADenialShowsItsReasonAtLogIn(int width) {
        setSite(object(
                "registration_mode",
                "require_application",
                "application_question",
                "What brings you here?",
                "invites_per_user_per_day",
                0));
        String applicant = name("carol", width);

        Browser newcomer = browser(width).open("/signup").awaitText("What brings you here?");
        newcomer.type("Username", applicant).type("Password", PASSWORD).type("Repeat password", PASSWORD);
        newcomer.type("Answer", "I run the bakery on the corner.");
        newcomer.press("Sign up").awaitText("Your application waits for review by an admin");
        logIn(newcomer.open("/login"), applicant, PASSWORD);
        assertThat(newcomer.formError()).contains("still waiting for an admin");

        Browser adminBrowser = loggedIn(width, Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        adminBrowser.open("/admin").awaitText("I run the bakery on the corner.");
        adminBrowser.press("Approve " + applicant).awaitText(applicant + " was approved");

        logIn(newcomer.open("/login"), applicant, PASSWORD);
        newcomer.awaitPage("/").awaitText("You are logged in as " + applicant);
        newcomer.screenshot("2-approved-" + width);

        String denied = name("dave", width);
        HttpApi.expect(
                api.post(
                        "/account/auth/register",
                        HttpApi.registration(denied, null).put("answer", "spam spam spam"),
                        null),
                200,
                "application of " + denied);
        adminBrowser.open("/admin").awaitText("spam spam spam");
        adminBrowser.type("Reason for turning " + denied + " down", "We only take neighbours for now.");
        adminBrowser.press("Deny " + denied).awaitText(denied + " was turned down");
        adminBrowser.screenshot("2-admin-" + width);

        Browser deniedBrowser = browser(width).open("/login");
        logIn(deniedBrowser, denied, PASSWORD);
        assertThat(deniedBrowser.formError())
                .contains("Your application was not accepted.")
                .contains("The admin wrote: “We only take neighbours for now.”");
        deniedBrowser.screenshot("2-denied-" + width);
    }

    // --- 3. refusals in words ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(3)
    void refusalsAreSaidInWordsNextToTheirField(int width) throws InterruptedException {
        setSite(object("registration_mode", "open"));
        String taken = name("erin", width);
        register(taken, null);
        Browser person = browser(width).open("/signup");

        person.type("Username", taken.toUpperCase(Locale.ROOT))
                .type("Password", PASSWORD)
                .type("Repeat password", PASSWORD)
                .press("Sign up");
        assertThat(person.errorAt("Username")).isEqualTo("That username is taken. Pick another one.");

        person.type("Username", name("frank", width))
                .type("Password", "short")
                .type("Repeat password", "short")
                .press("Sign up");
        assertThat(person.errorAt("Password")).isEqualTo("The password must be 10 to 60 characters long.");
        assertThat(person.has(By.cssSelector("[aria-invalid]")))
                .as("only the field refused is marked")
                .isTrue();

        person.type("Password", PASSWORD)
                .type("Repeat password", PASSWORD + "!")
                .press("Sign up");
        assertThat(person.errorAt("Repeat password")).startsWith("The two passwords are not the same.");
        assertThat(person.text()).doesNotContain("passwords_do_not_match").doesNotContain("invalid_password");
        person.screenshot("3-refused-" + width);

        String soon = Instant.now().plusSeconds(2).toString();
        String expiring = createInvite(admin, object("expires_at", soon));
        while (Instant.now().isBefore(Instant.parse(soon).plusMillis(300))) {
            Thread.sleep(100);
        }
        Browser late = browser(width).open("/signup?token=" + expiring).awaitText("cannot be used any more");
        assertThat(late.hasField("Username")).isFalse();
        late.screenshot("3-expired-" + width);

        String valid = createInvite(admin, object());
        setSite(object("registration_mode", "closed"));
        Browser closed = browser(width).open("/signup").awaitText("This site is not taking new members");
        assertThat(closed.hasField("Username")).isFalse();
        closed.open("/signup?token=" + valid).awaitText("This site is not taking new members");
        assertThat(closed.hasField("Username"))
                .as("closed means closed, invite or not")
                .isFalse();
        closed.screenshot("3-closed-" + width);
    }

    // --- 4. journey 1 by keyboard alone ------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(4)
    void theInviteJourneyWorksByKeyboardAloneWithTheFocusAlwaysVisible(int width) {
        setSite(object("registration_mode", "open"));
        String member = name("gwen", width);
        register(member, null);

        Browser adminBrowser = browser(width).open("/login");
        keyboardLogIn(adminBrowser, Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        adminBrowser.open("/admin").tabToField("Who may join").keys("Only");
        assertThat(adminBrowser.field("Who may join").getAttribute("value")).isEqualTo("require_invitation");
        adminBrowser.tabToButton("Save settings").keys(Keys.ENTER).awaitText("Settings saved.");
        assertThat(mode()).isEqualTo("require_invitation");

        Browser memberBrowser = browser(width).open("/login");
        keyboardLogIn(memberBrowser, member, PASSWORD);
        memberBrowser.open("/invites").tabToField("Uses");
        memberBrowser.tabToField("Comment (optional)").keys("for my cousin", Keys.ENTER);
        memberBrowser.awaitText("Invite created.");
        WebElement focused = memberBrowser.driver().switchTo().activeElement();
        assertThat(focused.getText())
                .as("the new invite's copy button has the focus")
                .isEqualTo("Copy link");
        memberBrowser.assertFocusVisible(focused);
        memberBrowser.keys(Keys.ENTER).awaitText("Link copied.");
        String link = memberBrowser.field("Invite link").getAttribute("value");
        assertThat(clipboard(memberBrowser)).isEqualTo(link);

        String newcomer = name("hank", width);
        Browser fresh = browser(width).open(link).awaitText("Your invite is valid");
        fresh.tabToField("Username").keys(newcomer);
        fresh.tabToField("Password").keys(PASSWORD);
        fresh.tabToField("Repeat password").keys(PASSWORD);
        fresh.tabToButton("Sign up").keys(Keys.ENTER).awaitPage("/?welcome");
        assertThat(fresh.text()).contains("You were invited by " + member + ".");
        fresh.screenshot("4-keyboard-welcome-" + width);

        browser(width).open(link).awaitText("cannot be used any more");
    }

    // --- 5. hostile text is text ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(5)
    void hostileTextIsShownAsTextEverywhereAndRunsNothing(int width) {
        String member = name("ivan", width);
        setSite(object("registration_mode", "open"));
        String memberSession = api.login(register(member, null), PASSWORD);
        createInvite(memberSession, object("comment", HOSTILE));
        String banned = name("judy", width);
        register(banned, null);
        setSite(object("name", HOSTILE, "application_question", HOSTILE, "registration_mode", "require_application"));
        String applicant = name("kate", width);
        apply(applicant, HOSTILE);
        String denied = name("liam", width);
        apply(denied, HOSTILE);
        HttpApi.expect(
                api.put(
                        "/admin/registration_application/approve",
                        object("id", applicationId(denied), "approve", false, "deny_reason", HOSTILE),
                        admin),
                200,
                "deny");
        HttpApi.expect(
                api.post(
                        "/admin/ban",
                        object("person_id", api.myId(api.login(banned, PASSWORD)), "ban", true, "reason", HOSTILE),
                        admin),
                200,
                "ban");
        try {
            Browser anonymous = browser(width);
            assertShownAsText(anonymous.open("/"), 2); // the header and the heading
            assertShownAsText(anonymous.open("/signup"), 3); // header, the site's name, the question
            logIn(anonymous.open("/login"), denied, PASSWORD);
            anonymous.formError();
            assertShownAsText(anonymous, 2); // header, the deny reason

            Browser memberBrowser = loggedIn(width, member, PASSWORD);
            assertShownAsText(memberBrowser.open("/invites"), 2); // header, the comment
            assertShownAsText(memberBrowser.open("/account"), 1);

            Browser adminBrowser = loggedIn(width, Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
            adminBrowser.open("/admin").awaitText("Reason:");
            assertShownAsText(adminBrowser, 4); // header, an answer, another answer, the ban's reason
            assertThat(adminBrowser.field("Site name").getAttribute("value")).isEqualTo(HOSTILE);
            assertThat(adminBrowser.field("Application question").getAttribute("value"))
                    .isEqualTo(HOSTILE);
            adminBrowser.screenshot("5-hostile-admin-" + width);
        } finally {
            setSite(object("name", "Guestlist", "application_question", ""));
        }
    }

    /** The hostile text appears as text at least {@code times} times, and nothing of it ran. */
    private static void assertShownAsText(Browser browser, int times) {
        String text = browser.text();
        int shown = 0;
        for (int at = text.indexOf(HOSTILE); at >= 0; at = text.indexOf(HOSTILE, at + 1)) {
            shown++;
        }
        assertThat(shown)
                .as("the hostile text shown as text on %s", browser.text())
                .isGreaterThanOrEqualTo(times);
        assertThat(browser.has(By.cssSelector("img[src='x'], img[onerror]"))).isFalse();
        assertThat(browser.driver().findElements(By.tagName("script")))
                .as("only the page's own module")
                .hasSize(1);
        assertThat(browser.dialogs()).isEmpty();
        assertThat(browser.cspViolations()).isEmpty();
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy"));
    }

    // --- 6. nothing from another origin ------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(6)
    void writesWithTheCookieFromAnotherOriginAreRefusedAndChangeNothing(int width) throws IOException {
        setSite(object("registration_mode", "open"));
        String member = name("mia", width);
        String session = api.login(register(member, null), PASSWORD);
        int otherPort = Ports.free();
        String elsewhere = "http://127.0.0.1:" + otherPort;

        HttpApi.Answer foreign = withCookie("POST", "/account/invite", session, elsewhere, "{\"max_uses\":1}");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.error()).isEqualTo("cross_site_request");
        assertThat(withCookie("POST", "/account/invite", session, null, "{}").error())
                .as("no Origin at all")
                .isEqualTo("cross_site_request");
        assertThat(withCookie("POST", "/account/invite", session, "null", "{}").error())
                .isEqualTo("cross_site_request");
        assertThat(withCookie("PUT", "/site", admin, elsewhere, "{\"registration_mode\":\"closed\"}")
                        .error())
                .isEqualTo("cross_site_request");
        assertThat(withCookie("POST", "/account/auth/logout", session, elsewhere, "{}")
                        .error())
                .isEqualTo("cross_site_request");
        assertThat(invites(session)).as("nothing was created").isZero();
        assertThat(mode()).isEqualTo("open");
        HttpApi.expect(api.get("/account", session), 200, "the session survived the foreign log-out");
        HttpApi.Answer read = withCookie("GET", "/account", session, elsewhere, null);
        assertThat(read.status()).as("reads are not writes").isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin"))
                .as("and no other origin may read them")
                .isEmpty();
        assertThat(withCookie("POST", "/account/invite", session, base, "{}").status())
                .as("the same request from the pages' origin is taken")
                .isEqualTo(200);
        assertThat(invites(session)).isEqualTo(1);

        Browser victim = loggedIn(width, member, PASSWORD);
        HttpServer attacker = attackerSite(otherPort);
        try {
            victim.driver().get(elsewhere + "/attack.html");
            victim.awaitText("every attempt made");
            victim.screenshot("6-attacker-" + width);
        } finally {
            attacker.stop(0);
        }
        assertThat(invites(session)).as("no invite came from the other origin").isEqualTo(1);
        victim.open("/").awaitText("You are logged in as " + member);
        HttpApi.expect(api.get("/account", session), 200, "the browser's session is still alive");
    }

    private HttpApi.Answer withCookie(String method, String path, String session, String origin, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .header("Cookie", "jwt=" + session)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return api.exchange(request);
    }

    /**
     * A page on another port of this host (the same site, so the session cookie goes along) that
     * tries what a browser lets a page send to the API: form posts (urlencoded, and text/plain shaped
     * as JSON), fetch without CORS with and without a JSON body, fetch with a JSON content type (which
     * needs the API's permission), a beacon, and a log-out.
     */
    private HttpServer attackerSite(int port) throws IOException {
        String api = base + "/api/v4";
        String page = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>win a prize</title></head><body>
                <h1>A prize for you</h1>
                <form id="f1" method="post" action="%1$s/account/invite" target="sink1">
                <input name="max_uses" value="1"></form>
                <form id="f2" method="post" enctype="text/plain" action="%1$s/account/invite" target="sink2">
                <input name='{"max_uses":1,"comment":"' value='stolen"}'></form>
                <iframe name="sink1" title="one"></iframe><iframe name="sink2" title="two"></iframe>
                <p id="log"></p>
                <script src="/attack.js"></script>
                </body></html>
                """.formatted(api);
        String script = """
                const log = (text) => { document.getElementById('log').textContent += text + ' | '; };
                const json = JSON.stringify({ max_uses: 1, comment: 'stolen' });
                const tries = [
                  fetch('%1$s/account/invite', { method: 'POST', mode: 'no-cors', credentials: 'include', body: json }),
                  fetch('%1$s/account/invite', { method: 'POST', mode: 'no-cors', credentials: 'include',
                    headers: { 'Content-Type': 'text/plain' }, body: json }),
                  fetch('%1$s/account/invite', { method: 'POST', credentials: 'include',
                    headers: { 'Content-Type': 'application/json' }, body: json }),
                  fetch('%1$s/account/invite', { method: 'POST', mode: 'no-cors', credentials: 'include',
                    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'max_uses=1' }),
                  fetch('%1$s/account/auth/logout', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' }),
                  fetch('%1$s/account/auth/logout', { method: 'POST', credentials: 'include',
                    headers: { 'Content-Type': 'application/json' }, body: '{}' }),
                  fetch('%1$s/site', { method: 'PUT', credentials: 'include',
                    headers: { 'Content-Type': 'application/json' }, body: '{"registration_mode":"closed"}' }),
                ].map((attempt, i) => attempt.then((r) => log(i + ': ' + r.type + ' ' + r.status), (e) => log(i + ': refused ' + e)));
                log('beacon ' + navigator.sendBeacon('%1$s/account/invite', new Blob([json], { type: 'text/plain' })));
                document.getElementById('f1').submit();
                document.getElementById('f2').submit();
                Promise.all(tries).then(() => setTimeout(() => log('every attempt made'), 1500));
                """.formatted(api);
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        attacker.createContext("/", exchange -> {
            boolean isScript = exchange.getRequestURI().getPath().endsWith(".js");
            byte[] body = (isScript ? script : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", isScript ? "text/javascript" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        return attacker;
    }

    // --- 7. the admin's invite tree and a branch ban ------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(7)
    void theAdminSeesAThreeLevelInviteTreeAndBansTheBranch(int width) {
        setSite(object("registration_mode", "open"));
        String top = name("nora", width);
        String first = name("otto", width);
        String second = name("pia", width);
        String third = name("quinn", width);
        register(first, createInvite(api.login(register(top, null), PASSWORD), object()));
        register(second, createInvite(api.login(first, PASSWORD), object()));
        register(third, createInvite(api.login(second, PASSWORD), object("comment", "for my bot")));

        Browser adminBrowser = loggedIn(width, Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        adminBrowser.open("/admin").press("Manage " + top).awaitText("Everyone " + top + " brought in");
        WebElement deepest =
                adminBrowser.driver().findElement(By.cssSelector("#tree > li > ul > li > ul > li[data-depth='3']"));
        assertThat(deepest.getText()).isEqualTo(third);
        assertThat(deepest.findElement(By.xpath("ancestor::li[@data-depth='2']"))
                        .getText())
                .startsWith(second);
        assertThat(deepest.findElement(By.xpath("ancestor::li[@data-depth='1']"))
                        .getText())
                .startsWith(first);

        adminBrowser.type("Reason for the ban", "a spam ring");
        adminBrowser.field("Ban everyone they brought in too, at any depth").click();
        adminBrowser.press("Ban " + top).awaitText("Banned 4 accounts");
        adminBrowser.awaitText(third + " (banned)");
        assertThat(adminBrowser.text()).contains("banned " + top + " and everyone they brought in");
        adminBrowser.screenshot("7-branch-banned-" + width);

        HttpApi.Answer login =
                api.post("/account/auth/login", object("username_or_email", third, "password", PASSWORD), null);
        assertThat(login.error()).isEqualTo("site_ban");
        assertThat(login.message()).contains("a spam ring");
    }

    // --- accessibility, every page ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {DESKTOP, PHONE})
    @Order(8)
    void everyPageHasNoSeriousOrCriticalAccessibilityFinding(int width) {
        setSite(object("registration_mode", "require_application", "application_question", "Why join?"));
        String member = name("rosa", width);
        setSite(object("registration_mode", "open"));
        register(member, null);
        String token = createInvite(api.login(member, PASSWORD), object("max_uses", 5, "comment", "for the choir"));
        String invitee = register(name("tia", width), token);
        register(name("uma", width), token);
        register(name("vic", width), createInvite(api.login(invitee, PASSWORD), object()));
        setSite(object("registration_mode", "require_application"));
        apply(name("sam", width), "I sing bass.");
        String suffix = width == DESKTOP ? "" : "-phone";

        Browser anonymous = browser(width);
        check(anonymous.open("/"), "home" + suffix);
        check(anonymous.open("/signup"), "signup" + suffix);
        anonymous.press("Sign up");
        anonymous.errorAt("Username");
        check(anonymous, "signup-refused" + suffix);
        check(anonymous.open("/signup?token=" + token), "signup-invited" + suffix);
        check(anonymous.open("/signup?token=" + "A".repeat(32)), "signup-unusable" + suffix);
        check(anonymous.open("/login"), "login" + suffix);
        anonymous
                .type("Username or email", member)
                .type("Password", "wrong password!")
                .press("Log in");
        anonymous.errorAt("Password");
        check(anonymous, "login-refused" + suffix);
        setSite(object("registration_mode", "require_invitation"));
        check(anonymous.open("/signup"), "signup-invitation-only" + suffix);
        anonymous.driver().get(base + "/no/such/page");
        assertThat(anonymous.seriousAccessibilityFindings())
                .as("the page for an unknown address")
                .isEmpty();

        Browser memberBrowser = loggedIn(width, member, PASSWORD);
        check(memberBrowser.open("/"), "home-member" + suffix);
        check(memberBrowser.open("/invites"), "invites" + suffix);
        memberBrowser.press("Revoke").awaitText("Revoke this invite?");
        check(memberBrowser, "invites-revoke" + suffix);
        check(memberBrowser.open("/account"), "account" + suffix);

        Browser adminBrowser = loggedIn(width, Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        check(adminBrowser.open("/admin"), "admin" + suffix);
        adminBrowser.press("Manage " + member).awaitText("Everyone " + member + " brought in");
        check(adminBrowser, "admin-member" + suffix);
    }

    /**
     * axe-core finds nothing serious on the page as it is; pictured whole, and at desktop width also
     * as the window shows it (the pictures of the README, {@code docs/pages}, are these).
     */
    private static void check(Browser browser, String page) {
        if (browser.width() == DESKTOP) {
            browser.viewportScreenshot("docs/" + page); // first: the whole page's picture scrolls to the top
        }
        browser.screenshot("page-" + page);
        assertThat(browser.seriousAccessibilityFindings())
                .as("axe-core's serious and critical findings on %s", page)
                .isEmpty();
        assertThat((Long) browser.driver()
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                .as("%s fits the window's width: nothing to scroll sideways", page)
                .isLessThanOrEqualTo(0L);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** A name of at most 20 characters no other test uses. */
    private String name(String who, int width) {
        return who + "_" + (width == PHONE ? "p" : "d") + names.incrementAndGet();
    }

    private Browser browser(int width) {
        Browser browser = new Browser(base, width);
        browsers.add(browser);
        return browser;
    }

    private Browser loggedIn(int width, String name, String password) {
        Browser browser = browser(width).open("/login");
        logIn(browser, name, password);
        return browser.awaitPage("/").awaitText("You are logged in as " + name);
    }

    private static void logIn(Browser browser, String name, String password) {
        browser.type("Username or email", name).type("Password", password).press("Log in");
    }

    private static void keyboardLogIn(Browser browser, String name, String password) {
        browser.tabToField("Username or email").keys(name);
        browser.tabToField("Password").keys(password, Keys.ENTER);
        browser.awaitPage("/").awaitText("You are logged in as " + name);
    }

    /** Clicks the newest invite's copy button; what the clipboard holds then, checked to be its link. */
    private String copiedLink(Browser browser) {
        browser.press("Copy link").awaitText("Link copied.");
        String link = browser.field("Invite link").getAttribute("value");
        assertThat(link).startsWith(base + "/signup?token=");
        assertThat(clipboard(browser)).isEqualTo(link);
        return link;
    }

    private static String clipboard(Browser browser) {
        return (String) browser.driver()
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " navigator.clipboard.readText().then(done, (e) => done('clipboard unreadable: ' + e));");
    }

    private void assertExpiryInLocalTime(Browser browser, String member, ZoneId zone) {
        JsonNode invite = api.get("/account/invite/list", api.login(member, PASSWORD))
                .body()
                .path("items")
                .get(0);
        ZonedDateTime local = Instant.parse(invite.path("expires_at").asText()).atZone(zone);
        String shown =
                browser.driver().findElement(By.cssSelector(".invite .expiry")).getText();
        assertThat(shown)
                .contains(local.format(DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US)))
                .contains(local.format(DateTimeFormatter.ofPattern("h:mm", Locale.US)));
    }

    private void setSite(JsonNode changes) {
        HttpApi.expect(api.put("/site", changes, admin), 200, "PUT /site " + changes);
    }

    private String mode() {
        return api.get("/site", null)
                .body()
                .at("/site_view/local_site/registration_mode")
                .asText();
    }

    /** Registers {@code name} (through the invite, when given) in the site's mode as it is; returns the name. */
    private String register(String name, String inviteToken) {
        HttpApi.expect(api.register(name, inviteToken), 200, "registration of " + name);
        return name;
    }

    private void apply(String name, String answer) {
        HttpApi.Answer answered = api.post(
                "/account/auth/register", HttpApi.registration(name, null).put("answer", answer), null);
        HttpApi.expect(answered, 200, "application of " + name);
        assertThat(answered.body().path("registration_created").asBoolean()).isTrue();
    }

    private long applicationId(String name) {
        for (JsonNode view : api.get("/admin/registration_application/list?unread_only=true&limit=50", admin)
                .body()
                .path("items")) {
            if (view.at("/creator/name").asText().equals(name)) {
                return view.at("/registration_application/id").asLong();
            }
        }
        throw new AssertionError("no application of " + name);
    }

    private String createInvite(String session, JsonNode fields) {
        HttpApi.Answer answer = api.post("/account/invite", fields, session);
        HttpApi.expect(answer, 200, "create invite");
        return answer.body().at("/invite/token").asText();
    }

    private int invites(String session) {
        return api.get("/account/invite/list?limit=50", session)
                .body()
                .path("items")
                .size();
    }
}
