package guestlist.bootstrap.e2e;

import static guestlist.bootstrap.e2e.Harness.assertError;
import static guestlist.bootstrap.e2e.Harness.form;
import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration applications and the admins who decide them, over HTTP, in mode {@code require_application}. */
class RegistrationApplicationEndToEndTest {

    private static final String LIST = "/admin/registration_application/list";
    private static final String GET = "/admin/registration_application";
    private static final String APPROVE = "/admin/registration_application/approve";

    private static TestServer server;
    private static Harness h;
    private static HttpApi api;

    /** Someone who registered with an answer and waits for a decision. */
    private record Applicant(String name, String email, String answer, long personId, long applicationId) {}

    @BeforeAll
    static void start() {
        server = TestServer.start();
        h = new Harness(server, "app");
        api = h.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void requireApplications() {
        h.site("registration_mode", "require_application");
    }

    /** Registers with an answer (and an e-mail address) and finds the application it made. */
    private static Applicant apply() {
        String name = h.newName();
        String email = name + "@example.org";
        String answer = "I am " + name + " and I like guest lists.";
        HttpApi.Answer registered = h.register(form(name).put("email", email).put("answer", answer));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        JsonNode view = applications("?unread_only=false").stream()
                .filter(item -> item.at("/creator/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no application of " + name));
        return new Applicant(
                name,
                email,
                answer,
                view.at("/creator/id").asLong(),
                view.at("/registration_application/id").asLong());
    }

    /** Every application the listing shows with this query, following {@code next_page} to the end. */
    private static List<JsonNode> applications(String query) {
        List<JsonNode> all = new ArrayList<>();
        String separator = query.isEmpty() ? "?" : "&";
        String page = query;
        while (true) {
            HttpApi.Answer answer = api.get(LIST + page, h.adminToken());
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            answer.body().path("items").forEach(all::add);
            if (!answer.body().has("next_page")) {
                return all;
            }
            page = query + separator + "page_cursor="
                    + HttpApi.encode(answer.body().path("next_page").asText());
        }
    }

    private static List<Long> applicationIds(List<JsonNode> items) {
        return items.stream()
                .map(item -> item.at("/registration_application/id").asLong())
                .toList();
    }

    private static HttpApi.Answer decide(long applicationId, boolean approve, String denyReason) {
        ObjectNode body = object("id", applicationId, "approve", approve);
        if (denyReason != null) {
            body.put("deny_reason", denyReason);
        }
        return api.put(APPROVE, body, h.adminToken());
    }

    private static JsonNode decided(long applicationId, boolean approve, String denyReason) {
        HttpApi.Answer answer = decide(applicationId, approve, denyReason);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.body().path("registration_application");
    }

    // --- registering ---

    @Test
    void registeringWithoutAnAnswerIsRefusedAndWritesNothing() {
        String name = h.newName();

        assertError(h.register(form(name)), 400, "registration_application_answer_required");
        assertError(h.register(form(name).putNull("answer")), 400, "registration_application_answer_required");
        assertError(h.register(form(name).put("answer", "")), 400, "registration_application_answer_required");
        assertError(h.register(form(name).put("answer", "   ")), 400, "registration_application_answer_required");

        assertThat(h.accountsNamed(name)).isZero();
        assertThat(h.register(form(name).put("answer", "now with an answer")).status())
                .isEqualTo(200);
    }

    @Test
    void registeringWithAnAnswerCreatesAPendingApplicationAndNoSession() {
        String name = h.newName();

        HttpApi.Answer answer =
                h.register(form(name).put("email", name + "@example.org").put("answer", "Let me in"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body().has("jwt"))
                .as("no session while pending: %s", answer)
                .isFalse();
        assertThat(answer.body().path("registration_created").asBoolean(false)).isTrue();
        assertThat(answer.body().path("verify_email_sent").asBoolean(true)).isFalse();
        assertThat(h.accountsNamed(name)).isEqualTo(1);
    }

    @Test
    void logInWhileTheApplicationIsPendingIsRefused() {
        Applicant applicant = apply();

        assertError(h.loginAnswer(applicant.name(), PASSWORD), 403, "registration_application_is_pending");
        assertError(
                h.loginAnswer(applicant.email().toUpperCase(Locale.ROOT), PASSWORD),
                403,
                "registration_application_is_pending");
        assertError(h.loginAnswer(applicant.name(), "not the password!"), 401, "incorrect_login");
    }

    @Test
    void siteShowsTheApplicationQuestionToAnyone() {
        String question = "Why do you want to join our guest list?";

        JsonNode edited = h.site("application_question", question);

        assertThat(edited.at("/site_view/local_site/application_question").asText())
                .isEqualTo(question);
        Member member = h.member();
        for (String session : new String[] {null, member.token()}) {
            HttpApi.Answer site = api.get("/site", session);
            assertThat(site.status()).isEqualTo(200);
            assertThat(site.body()
                            .at("/site_view/local_site/application_question")
                            .asText())
                    .isEqualTo(question);
            assertThat(site.body().at("/site_view/local_site/registration_mode").asText())
                    .isEqualTo("require_application");
        }
    }

    // --- listing and reading ---

    @Test
    void adminListsUnreadApplicationsOldestFirstWithoutTheirEmail() {
        Applicant first = apply();
        Applicant second = apply();

        List<JsonNode> unread = applications("");

        assertThat(applicationIds(unread))
                .isSorted()
                .doesNotHaveDuplicates()
                .containsSubsequence(first.applicationId(), second.applicationId());
        assertThat(unread)
                .allSatisfy(
                        item -> assertThat(item.at("/registration_application").has("admin_id"))
                                .as("unread: %s", item)
                                .isFalse());
        JsonNode item = unread.stream()
                .filter(view -> view.at("/registration_application/id").asLong() == first.applicationId())
                .findFirst()
                .orElseThrow();
        JsonNode application = item.path("registration_application");
        assertThat(application.path("local_user_id").asLong()).isEqualTo(first.personId());
        assertThat(application.path("answer").asText()).isEqualTo(first.answer());
        assertThat(Instant.parse(application.path("published_at").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(application.has("deny_reason")).isFalse();
        assertThat(application.has("updated_at")).isFalse();
        JsonNode creatorLocalUser = item.path("creator_local_user");
        assertThat(creatorLocalUser.path("id").asLong()).isEqualTo(first.personId());
        assertThat(creatorLocalUser.path("person_id").asLong()).isEqualTo(first.personId());
        assertThat(creatorLocalUser.has("email"))
                .as("no e-mail address for admins: %s", item)
                .isFalse();
        assertThat(creatorLocalUser.path("accepted_application").asBoolean(true))
                .isFalse();
        assertThat(creatorLocalUser.path("admin").asBoolean(true)).isFalse();
        assertThat(item.at("/creator/name").asText()).isEqualTo(first.name());
        assertThat(item.at("/creator/local").asBoolean()).isTrue();
        assertThat(item.has("admin")).as("undecided: %s", item).isFalse();
    }

    @Test
    void listPagesWithLimitAndNextPage() {
        List<Long> mine = List.of(apply().applicationId(), apply().applicationId(), apply().applicationId());
        List<JsonNode> everything = applications("?unread_only=false&limit=50");

        List<Long> walked = new ArrayList<>();
        String query = "?unread_only=false&limit=2";
        while (true) {
            HttpApi.Answer page = api.get(LIST + query, h.adminToken());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            page.body().path("items").forEach(items::add);
            walked.addAll(applicationIds(items));
            if (!page.body().has("next_page")) {
                assertThat(items).hasSizeBetween(1, 2);
                break;
            }
            assertThat(items).hasSize(2);
            query = "?unread_only=false&limit=2&page_cursor="
                    + HttpApi.encode(page.body().path("next_page").asText());
        }

        assertThat(walked)
                .isSorted()
                .doesNotHaveDuplicates()
                .containsSubsequence(mine)
                .containsExactlyElementsOf(applicationIds(everything));
    }

    @Test
    void listParametersAreChecked() {
        for (String limit : List.of("0", "51", "abc")) {
            assertError(api.get(LIST + "?limit=" + limit, h.adminToken()), 400, "invalid_fetch_limit");
        }
        assertError(api.get(LIST + "?page_cursor=garbage", h.adminToken()), 400, "couldnt_parse_pagination_token");
        assertError(
                api.get(LIST + "?page_cursor=" + "A".repeat(3000), h.adminToken()),
                400,
                "couldnt_parse_pagination_token");
        HttpApi.Answer unreadOnly = api.get(LIST + "?unread_only=maybe", h.adminToken());
        assertError(unreadOnly, 400, "bad_request");
        assertThat(unreadOnly.body().path("message").asText()).contains("unread_only");
    }

    @Test
    void adminReadsTheApplicationOfAPerson() {
        Applicant applicant = apply();
        JsonNode listed = applications("").stream()
                .filter(item -> item.at("/registration_application/id").asLong() == applicant.applicationId())
                .findFirst()
                .orElseThrow();

        HttpApi.Answer answer = api.get(GET + "?person_id=" + applicant.personId(), h.adminToken());

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body().path("registration_application")).isEqualTo(listed);
    }

    @Test
    void readingAnApplicationNeedsAPersonWithOne() {
        assertError(api.get(GET + "?person_id=999999999", h.adminToken()), 404, "not_found");
        assertError(api.get(GET + "?person_id=" + h.adminId(), h.adminToken()), 404, "not_found");
        HttpApi.Answer notANumber = api.get(GET + "?person_id=abc", h.adminToken());
        assertError(notANumber, 400, "bad_request");
        assertThat(notANumber.body().path("message").asText()).contains("person_id");
        assertError(api.get(GET, h.adminToken()), 400, "bad_request");
    }

    // --- deciding ---

    @Test
    void approvingLetsTheApplicantIn() {
        Applicant applicant = apply();

        JsonNode view = decided(applicant.applicationId(), true, null);

        JsonNode application = view.path("registration_application");
        assertThat(application.path("id").asLong()).isEqualTo(applicant.applicationId());
        assertThat(application.path("admin_id").asLong()).isEqualTo(h.adminId());
        assertThat(Instant.parse(application.path("updated_at").asText()))
                .isAfterOrEqualTo(Instant.parse(application.path("published_at").asText()));
        assertThat(application.has("deny_reason")).isFalse();
        assertThat(view.at("/admin/name").asText()).isEqualTo(Credentials.ADMIN_NAME);
        assertThat(view.at("/admin/id").asLong()).isEqualTo(h.adminId());
        assertThat(view.at("/creator_local_user/accepted_application").asBoolean())
                .isTrue();

        String session = h.login(applicant.name(), PASSWORD);
        assertThat(h.me(session).path("accepted_application").asBoolean()).isTrue();
        assertThat(applicationIds(applications(""))).doesNotContain(applicant.applicationId());
        assertThat(applications("?unread_only=false")).anySatisfy(item -> {
            assertThat(item.at("/registration_application/id").asLong()).isEqualTo(applicant.applicationId());
            assertThat(item.at("/registration_application/admin_id").asLong()).isEqualTo(h.adminId());
        });
    }

    @Test
    void denyingKeepsTheApplicantOutAndTellsTheReason() {
        Applicant applicant = apply();

        JsonNode view = decided(applicant.applicationId(), false, "spam");

        assertThat(view.at("/registration_application/deny_reason").asText()).isEqualTo("spam");
        assertThat(view.at("/registration_application/admin_id").asLong()).isEqualTo(h.adminId());
        assertThat(view.at("/registration_application").has("updated_at")).isTrue();
        assertThat(view.at("/admin/name").asText()).isEqualTo(Credentials.ADMIN_NAME);
        assertThat(view.at("/creator_local_user/accepted_application").asBoolean(true))
                .isFalse();

        HttpApi.Answer login = h.loginAnswer(applicant.name(), PASSWORD);
        assertError(login, 403, "registration_denied");
        assertThat(login.body().path("message").asText()).contains("spam");
        assertThat(applicationIds(applications(""))).doesNotContain(applicant.applicationId());
        assertThat(applications("?unread_only=false")).anySatisfy(item -> {
            assertThat(item.at("/registration_application/id").asLong()).isEqualTo(applicant.applicationId());
            assertThat(item.at("/registration_application/deny_reason").asText())
                    .isEqualTo("spam");
        });
    }

    @Test
    void denyingAfterAnApprovalEndsEverySessionOfTheAccount() {
        Applicant applicant = apply();
        decided(applicant.applicationId(), true, null);
        String phone = h.login(applicant.name(), PASSWORD);
        String laptop = h.login(applicant.email(), PASSWORD);
        Member other = h.member();

        decided(applicant.applicationId(), false, "changed our mind");

        for (String ended : List.of(phone, laptop)) {
            assertError(api.get("/account", ended), 401, "not_logged_in");
            assertError(h.createInviteAnswer(ended, object()), 401, "not_logged_in");
        }
        assertThat(server.count("SELECT count(*) FROM login_token WHERE local_user_id = ?", applicant.personId()))
                .isZero();
        assertThat(h.localUserId(other.token())).as("another account's session").isEqualTo(other.id());
        assertThat(h.localUserId(h.adminToken())).isEqualTo(h.adminId());
        assertError(h.loginAnswer(applicant.name(), PASSWORD), 403, "registration_denied");
    }

    @Test
    void decidedApplicationsLeaveTheUnreadListAndStayInTheFullOne() {
        Applicant approved = apply();
        Applicant denied = apply();
        Applicant waiting = apply();
        decided(approved.applicationId(), true, null);
        decided(denied.applicationId(), false, "spam");

        Set<Long> unread = Set.copyOf(applicationIds(applications("?unread_only=true")));
        Set<Long> all = Set.copyOf(applicationIds(applications("?unread_only=false")));

        assertThat(unread)
                .contains(waiting.applicationId())
                .doesNotContain(approved.applicationId(), denied.applicationId());
        assertThat(all).contains(waiting.applicationId(), approved.applicationId(), denied.applicationId());
        assertThat(applicationIds(applications("")))
                .as("unread_only defaults to true")
                .containsExactlyInAnyOrderElementsOf(unread);
    }

    @Test
    void approvingAfterADenialLetsTheApplicantIn() {
        Applicant applicant = apply();
        decided(applicant.applicationId(), false, "spam");
        assertError(h.loginAnswer(applicant.name(), PASSWORD), 403, "registration_denied");

        JsonNode view = decided(applicant.applicationId(), true, null);

        assertThat(view.at("/creator_local_user/accepted_application").asBoolean())
                .isTrue();
        assertThat(h.login(applicant.name(), PASSWORD)).isNotBlank();
    }

    @Test
    void decidingAnUnknownApplicationIsNotFound() {
        assertError(decide(999_999_999L, true, null), 404, "not_found");
        assertError(decide(999_999_999L, false, "spam"), 404, "not_found");
    }

    @Test
    void approveBodyErrorsAreBadRequestsNamingTheField() {
        Applicant applicant = apply();

        List<ObjectNode> bodies = List.of(
                object("approve", true),
                object("id", String.valueOf(applicant.applicationId()), "approve", true),
                object("id", applicant.applicationId()),
                object("id", applicant.applicationId(), "approve", "yes"),
                object("id", applicant.applicationId(), "approve", 1));
        for (ObjectNode body : bodies) {
            HttpApi.Answer answer = api.put(APPROVE, body, h.adminToken());
            assertError(answer, 400, "bad_request");
            String field = body.has("id") && body.path("id").isIntegralNumber() ? "approve" : "id";
            assertThat(answer.body().path("message").asText()).as("%s", body).contains(field);
        }

        assertThat(applicationIds(applications(""))).as("still undecided").contains(applicant.applicationId());
        assertError(h.loginAnswer(applicant.name(), PASSWORD), 403, "registration_application_is_pending");
    }

    // --- who may ---

    @Test
    void adminEndpointsRefuseMembersAndAnonymousCallers() {
        Applicant applicant = apply();
        Member member = h.member();

        for (String session : new String[] {member.token(), null}) {
            int status = session == null ? 401 : 403;
            String code = session == null ? "not_logged_in" : "not_an_admin";
            assertError(api.get(LIST, session), status, code);
            assertError(api.get(GET + "?person_id=" + applicant.personId(), session), status, code);
            assertError(
                    api.put(APPROVE, object("id", applicant.applicationId(), "approve", true), session), status, code);
        }

        assertThat(applicationIds(applications(""))).as("still undecided").contains(applicant.applicationId());
        assertError(h.loginAnswer(applicant.name(), PASSWORD), 403, "registration_application_is_pending");
    }
}
