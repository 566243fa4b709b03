package guestlist.bench;

import guestlist.bench.result.Row;
import guestlist.bench.system.Branches;
import guestlist.bench.system.Log;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin banning a member with its whole invite branch ({@code POST /admin/ban} with
 * {@code include_invitees}) on the server under test, sent right before a scenario's measured load.
 * When the load ends it waits for the answer and adds it as a row of its own (one request: its
 * answer time in the latency columns, an error if it was not 200) and a note of what the answer
 * reported and how much of the measured window the ban covered.
 */
final class BranchBan implements Scenario.Background {

    private static final Pattern COUNT = Pattern.compile("\"(affected_accounts|revoked_invites)\"\\s*:\\s*(\\d+)");

    private final String url;
    private final Path adminToken;
    private final Branches.Branch branch;
    private final String name;

    /**
     * @param url        the server's {@code /api/v4/admin/ban}
     * @param adminToken a file with an admin's session token
     * @param name       the row's name
     */
    BranchBan(String url, Path adminToken, Branches.Branch branch, String name) {
        this.url = url;
        this.adminToken = adminToken;
        this.branch = branch;
        this.name = name;
    }

    @Override
    public Ending begin() throws Exception {
        String token = Files.readString(adminToken).strip();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"person_id\":" + branch.topId()
                        + ",\"ban\":true,\"reason\":\"bench\",\"include_invitees\":true}"))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        CompletableFuture<Answer> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body(), System.nanoTime()));
        return results -> {
            long windowEnd = System.nanoTime();
            Answer answered;
            try {
                answered = answer.get();
            } catch (ExecutionException failed) {
                answered = new Answer(0, String.valueOf(failed.getCause()), System.nanoTime());
            }
            double seconds = (answered.at() - started) / 1e9;
            double window = (windowEnd - started) / 1e9;
            boolean ok = answered.status() == 200;
            results.scenario(Row.measured(name, 1 / seconds, seconds * 1e3, seconds * 1e3, ok ? 0 : 1));
            String covered = seconds >= window
                    ? "all of it during the ban"
                    : String.format(Locale.ROOT, "%.0f %% of it during the ban", 100 * seconds / window);
            String line = ok
                    ? String.format(
                            Locale.ROOT,
                            "branch ban: POST /admin/ban of the member %d with its %,d accounts (%,d invites) answered"
                                    + " in %.1f s, reporting %,d accounts banned and %,d invites revoked; the measured"
                                    + " registration window was %.1f s, %s",
                            branch.topId(),
                            branch.members(),
                            branch.invites(),
                            seconds,
                            count(answered.body(), "affected_accounts"),
                            count(answered.body(), "revoked_invites"),
                            window,
                            covered)
                    : String.format(
                            Locale.ROOT,
                            "branch ban FAILED: POST /admin/ban of the member %d with its %,d accounts answered %d after"
                                    + " %.1f s: %s",
                            branch.topId(),
                            branch.members(),
                            answered.status(),
                            seconds,
                            answered.body());
            results.note(line);
            Log.line("%s", line);
        };
    }

    private record Answer(int status, String body, long at) {}

    private static long count(String body, String field) {
        Matcher matcher = COUNT.matcher(body);
        while (matcher.find()) {
            if (matcher.group(1).equals(field)) {
                return Long.parseLong(matcher.group(2));
            }
        }
        return -1;
    }
}
