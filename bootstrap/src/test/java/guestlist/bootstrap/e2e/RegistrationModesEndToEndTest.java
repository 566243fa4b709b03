package guestlist.bootstrap.e2e;

import static guestlist.bootstrap.e2e.Harness.assertError;
import static guestlist.bootstrap.e2e.Harness.form;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.HttpApi;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of SPEC §1's mode table over HTTP: mode × invite (none, valid, invalid) × answer
 * (given, not given), each with the exact outcome and what it leaves behind.
 */
class RegistrationModesEndToEndTest {

    private static TestServer server;
    private static Harness h;
    private static Member inviter;

    enum Invite {
        NO_INVITE,
        VALID_INVITE,
        INVALID_INVITE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    enum Answer {
        WITH_ANSWER,
        NO_ANSWER;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** What a registration must come to. */
    record Outcome(int status, String error, boolean session, boolean invited) {

        /** Logged in at once, not invited. */
        static final Outcome ACTIVE = new Outcome(200, null, true, false);
        /** Logged in at once, the inviter recorded. */
        static final Outcome INVITED = new Outcome(200, null, true, true);
        /** No session; an application waits for an admin. */
        static final Outcome PENDING = new Outcome(200, null, false, false);

        static Outcome refused(int status, String error) {
            return new Outcome(status, error, false, false);
        }

        @Override
        public String toString() {
            if (error != null) {
                return status + " " + error;
            }
            return session ? (invited ? "logged in, invited" : "logged in") : "application pending";
        }
    }

    private static final Outcome MISSING_INVITE = Outcome.refused(400, "missing_invite_token");
    private static final Outcome INVALID_INVITE = Outcome.refused(400, "invalid_invite_token");
    private static final Outcome ANSWER_REQUIRED = Outcome.refused(400, "registration_application_answer_required");
    private static final Outcome CLOSED = Outcome.refused(403, "registration_closed");

    static Stream<Arguments> modeTable() {
        return Stream.of(
                arguments("open", Invite.NO_INVITE, Answer.WITH_ANSWER, Outcome.ACTIVE),
                arguments("open", Invite.NO_INVITE, Answer.NO_ANSWER, Outcome.ACTIVE),
                arguments("open", Invite.VALID_INVITE, Answer.WITH_ANSWER, Outcome.INVITED),
                arguments("open", Invite.VALID_INVITE, Answer.NO_ANSWER, Outcome.INVITED),
                arguments("open", Invite.INVALID_INVITE, Answer.WITH_ANSWER, INVALID_INVITE),
                arguments("open", Invite.INVALID_INVITE, Answer.NO_ANSWER, INVALID_INVITE),
                arguments("require_application", Invite.NO_INVITE, Answer.WITH_ANSWER, Outcome.PENDING),
                arguments("require_application", Invite.NO_INVITE, Answer.NO_ANSWER, ANSWER_REQUIRED),
                arguments("require_application", Invite.VALID_INVITE, Answer.WITH_ANSWER, Outcome.INVITED),
                arguments("require_application", Invite.VALID_INVITE, Answer.NO_ANSWER, Outcome.INVITED),
                arguments("require_application", Invite.INVALID_INVITE, Answer.WITH_ANSWER, INVALID_INVITE),
                arguments("require_application", Invite.INVALID_INVITE, Answer.NO_ANSWER, INVALID_INVITE),
                arguments("require_invitation", Invite.NO_INVITE, Answer.WITH_ANSWER, MISSING_INVITE),
                arguments("require_invitation", Invite.NO_INVITE, Answer.NO_ANSWER, MISSING_INVITE),
                arguments("require_invitation", Invite.VALID_INVITE, Answer.WITH_ANSWER, Outcome.INVITED),
                arguments("require_invitation", Invite.VALID_INVITE, Answer.NO_ANSWER, Outcome.INVITED),
                arguments("require_invitation", Invite.INVALID_INVITE, Answer.WITH_ANSWER, INVALID_INVITE),
                arguments("require_invitation", Invite.INVALID_INVITE, Answer.NO_ANSWER, INVALID_INVITE),
                arguments("closed", Invite.NO_INVITE, Answer.WITH_ANSWER, CLOSED),
                arguments("closed", Invite.NO_INVITE, Answer.NO_ANSWER, CLOSED),
                arguments("closed", Invite.VALID_INVITE, Answer.WITH_ANSWER, CLOSED),
                arguments("closed", Invite.VALID_INVITE, Answer.NO_ANSWER, CLOSED),
                arguments("closed", Invite.INVALID_INVITE, Answer.WITH_ANSWER, CLOSED),
                arguments("closed", Invite.INVALID_INVITE, Answer.NO_ANSWER, CLOSED));
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        h = new Harness(server, "mode");
        h.site("registration_mode", "open", "max_invites_per_user_allowed", 100);
        inviter = h.member();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}, {1}, {2} -> {3}")
    @MethodSource("modeTable")
    void registrationFollowsTheModeTable(String mode, Invite invite, Answer answer, Outcome expected) {
        String inviteToken = switch (invite) {
            case NO_INVITE -> null;
            case VALID_INVITE ->
                h.createInvite(inviter.token(), "max_uses", 1).path("token").asText();
            case INVALID_INVITE -> Harness.unknownToken();
        };
        h.site("registration_mode", mode);
        String name = h.newName();
        String answerText = "I am " + name + ", please let me in.";
        ObjectNode form = form(name);
        if (answer == Answer.WITH_ANSWER) {
            form.put("answer", answerText);
        }
        if (inviteToken != null) {
            form.put("token", inviteToken);
        }

        HttpApi.Answer reply = h.register(form);

        if (expected.error() != null) {
            assertError(reply, expected.status(), expected.error());
            assertThat(h.accountsNamed(name)).as("a refusal writes nothing").isZero();
            if (invite == Invite.VALID_INVITE) {
                assertThat(h.valid(inviteToken)).as("a refusal consumes no use").isTrue();
            }
            return;
        }
        assertThat(reply.status()).as("%s", reply).isEqualTo(expected.status());
        assertThat(reply.body().path("verify_email_sent").asBoolean(true)).isFalse();
        if (expected.session()) {
            assertThat(reply.body().path("registration_created").asBoolean(true))
                    .isFalse();
            JsonNode me = h.me(reply.body().path("jwt").asText());
            assertThat(me.path("accepted_application").asBoolean()).isTrue();
            if (expected.invited()) {
                assertThat(me.path("invited_by_local_user_id").asLong()).isEqualTo(inviter.id());
                assertThat(h.valid(inviteToken)).as("its one use was taken").isFalse();
            } else {
                assertThat(me.has("invited_by_local_user_id")).as("%s", me).isFalse();
            }
            assertThat(h.login(name, PASSWORD)).isNotBlank();
            assertError(
                    h.api()
                            .get(
                                    "/admin/registration_application?person_id="
                                            + me.path("person_id").asLong(),
                                    h.adminToken()),
                    404,
                    "not_found");
        } else {
            assertThat(reply.body().has("jwt")).as("%s", reply).isFalse();
            assertThat(reply.body().path("registration_created").asBoolean(false))
                    .isTrue();
            assertError(h.loginAnswer(name, PASSWORD), 403, "registration_application_is_pending");
            HttpApi.Answer applications =
                    h.api().get("/admin/registration_application/list?unread_only=true&limit=50", h.adminToken());
            assertThat(applications.body().path("items")).anySatisfy(item -> {
                assertThat(item.at("/creator/name").asText()).isEqualTo(name);
                assertThat(item.at("/registration_application/answer").asText()).isEqualTo(answerText);
            });
        }
    }
}
