package guestlist.bootstrap.jar;

import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.Ports;
import guestlist.testsupport.TestPostgres;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The access log of SPEC §8 ({@code GUESTLIST_ACCESS_LOG=true}) over a whole run of the built jar:
 * sign-ups with invites, log-ins, validity checks with {@code ?token=}, a password change, a
 * session sent in the query as older Lemmy clients did, a stop. Afterwards, everything the process
 * wrote is searched for every password, invite token and session token the run used: none may be
 * there, while the line of each request is, with its query values redacted.
 */
class AccessLogIT {

    private Path work;
    private ServerProcess server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        Directories.deleteRecursively(work);
    }

    @Test
    void aFullRunLogsEveryRequestAndNoSecret() throws Exception {
        work = Files.createTempDirectory("guestlist-access-");
        TestPostgres postgres = TestPostgres.shared();
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl(postgres.newDatabase("access")));
        env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        env.put("GUESTLIST_ACCESS_LOG", "true");
        server = ServerProcess.launch("logged", env, work.resolve("server.log"));
        server.awaitHealthy(Duration.ofMinutes(2));
        HttpApi api = server.api();
        List<String> secrets = new ArrayList<>(List.of(Credentials.ADMIN_PASSWORD, Credentials.PASSWORD));

        String admin = api.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        secrets.add(admin);
        HttpApi.expect(api.put("/site", object("registration_mode", "require_invitation"), admin), 200, "mode");
        String adminsInvite = api.createInvite(admin, "max_uses", 5);
        secrets.add(adminsInvite);
        assertThat(api.get("/account/invite/validity?token=" + adminsInvite, null)
                        .body()
                        .path("valid")
                        .asBoolean())
                .isTrue();
        String unknownInvite = "Zm9yZ2VkLXRva2VuLW5vdC1pc3N1ZWQtYnktdXM";
        secrets.add(unknownInvite);
        assertThat(api.get("/account/invite/validity?token=" + unknownInvite, null)
                        .body()
                        .path("valid")
                        .asBoolean())
                .isFalse();

        HttpApi.Answer alice = api.register("alice_logged", adminsInvite);
        HttpApi.expect(alice, 200, "alice signs up");
        secrets.add(alice.jwt());
        String aliceSession = api.login("alice_logged", Credentials.PASSWORD);
        secrets.add(aliceSession);
        String alicesInvite = api.createInvite(aliceSession, "max_uses", 2, "comment", "for bob");
        secrets.add(alicesInvite);
        HttpApi.expect(api.get("/account/invite/list?limit=5", aliceSession), 200, "alice's invites");
        HttpApi.expect(api.register("bob_logged", alicesInvite), 200, "bob signs up");
        secrets.add(api.login("bob_logged", Credentials.PASSWORD));

        String newPassword = "a brand new passphrase 7";
        secrets.add(newPassword);
        HttpApi.Answer changed = api.put(
                "/account/auth/change_password",
                object(
                        "new_password", newPassword,
                        "new_password_verify", newPassword,
                        "old_password", Credentials.PASSWORD),
                aliceSession);
        HttpApi.expect(changed, 200, "alice changes her password");
        secrets.add(changed.jwt());
        String wrongPassword = "not alice's password at all";
        secrets.add(wrongPassword);
        HttpApi.expect(
                api.post(
                        "/account/auth/login",
                        object("username_or_email", "alice_logged", "password", wrongPassword),
                        null),
                401,
                "a wrong password");
        String lastSession = api.login("alice_logged", newPassword);
        secrets.add(lastSession);
        HttpApi.expect(
                api.exchange(HttpRequest.newBuilder(api.uri("/account?auth=" + lastSession))
                        .header("Authorization", "Bearer " + lastSession)
                        .header("Cookie", "jwt=" + lastSession)),
                200,
                "a session also in the query and a cookie");
        HttpApi.expect(api.delete("/account/invite", object("token", alicesInvite), lastSession), 200, "revoke");
        HttpApi.expect(api.post("/account/auth/logout", object(), lastSession), 200, "log out");

        server.askToStop();
        assertThat(server.awaitExit(Duration.ofMinutes(1))).isZero();
        String log = server.log();

        for (String secret : secrets) {
            assertThat(log).as("a secret of the run").doesNotContain(secret);
            assertThat(log).as("the start of a secret of the run").doesNotContain(secret.substring(0, 12));
        }
        assertThat(log)
                .contains("guestlist.access - 127.0.0.1 GET /api/v4/account/invite/validity?token=*** 200 - ")
                .contains("guestlist.access - 127.0.0.1 POST /api/v4/account/auth/register 200 - ")
                .contains("guestlist.access - 127.0.0.1 POST /api/v4/account/auth/login 401 incorrect_login ")
                .contains("guestlist.access - 127.0.0.1 PUT /api/v4/account/auth/change_password 200 - ")
                .contains("guestlist.access - 127.0.0.1 GET /api/v4/account/invite/list?limit=5 200 - ")
                .contains("guestlist.access - 127.0.0.1 GET /api/v4/account?auth=*** 200 - ")
                .contains("guestlist.access - 127.0.0.1 DELETE /api/v4/account/invite 200 - ");
        assertThat(log.lines().filter(line -> line.contains(" guestlist.access - ")))
                .as("one line per request, the start's health checks included")
                .hasSizeGreaterThanOrEqualTo(17)
                .allSatisfy(line -> assertThat(line)
                        .matches(".* guestlist\\.access - 127\\.0\\.0\\.1 [A-Z]+ /\\S* \\d{3} \\S+ \\d+\\.\\dms"));
    }
}
