package guestlist.bootstrap.e2e;

import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import org.junit.jupiter.api.Test;

/** The embedded database keeps its data in the data directory across a stop and a start. */
class RestartEndToEndTest {

    @Test
    void accountsSessionsInvitesAndSettingsSurviveARestart() {
        try (TestServer server = TestServer.startEmbedded()) {
            HttpApi api = server.api();
            String admin = api.post(
                            "/account/auth/login",
                            object(
                                    "username_or_email",
                                    Credentials.ADMIN_NAME,
                                    "password",
                                    Credentials.ADMIN_PASSWORD,
                                    "stay_logged_in",
                                    true),
                            null)
                    .body()
                    .path("jwt")
                    .asText();
            assertThat(api.put("/site", object("registration_mode", "require_invitation"), admin)
                            .status())
                    .isEqualTo(200);
            String token = api.post("/account/invite", object("max_uses", 3), admin)
                    .body()
                    .at("/invite/token")
                    .asText();
            assertThat(api.post(
                                    "/account/auth/register",
                                    object(
                                            "username",
                                            "before_restart",
                                            "password",
                                            PASSWORD,
                                            "password_verify",
                                            PASSWORD,
                                            "token",
                                            token),
                                    null)
                            .status())
                    .isEqualTo(200);

            server.restart();
            api = server.api();

            assertThat(api.get("/site", null)
                            .body()
                            .at("/site_view/local_site/registration_mode")
                            .asText())
                    .isEqualTo("require_invitation");
            assertThat(api.get("/account", admin).status())
                    .as("a stay-logged-in session")
                    .isEqualTo(200);
            HttpApi.Answer login = api.post(
                    "/account/auth/login", object("username_or_email", "before_restart", "password", PASSWORD), null);
            assertThat(login.status()).isEqualTo(200);
            assertThat(api.get("/account", login.body().path("jwt").asText())
                            .body()
                            .at("/local_user_view/local_user/invited_by_local_user_id")
                            .isIntegralNumber())
                    .isTrue();
            HttpApi.Answer list = api.get("/account/invite/list", admin);
            assertThat(list.body().path("items"))
                    .singleElement()
                    .satisfies(invite ->
                            assertThat(invite.path("uses_count").asInt()).isEqualTo(1));
        }
    }
}
