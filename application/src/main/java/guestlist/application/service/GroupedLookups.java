package guestlist.application.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Look-ups of one kind answered in groups, so that many questions asked together cost one trip to
 * the store instead of one each, and no caller's thread waits for the store.
 *
 * <p>A question is answered later, on the runner's thread. While no group is under way, a question
 * starts one on the runner at once, without waiting for company. Questions asked while a group is
 * under way wait for the next group, which the runner starts with all of them as soon as the group
 * before it ends; and so on while questions come. No question ever joins a group already sent: every
 * answer is read after its question was asked, as fresh as a look-up of its own would be. Under load
 * the groups grow with the time a look-up takes, and the store sees one look-up at a time.
 *
 * <p>Every question of a group is answered with its key's answer, or fails with the group's failure.
 *
 * @param <K> the key asked about; equal keys share one place in a group
 * @param <V> the answer; {@code null} where the look-up found nothing for a key
 */
final class GroupedLookups<K, V> {

    private final Function<Set<K>, Map<K, V>> lookUp;
    private final Executor runner;

    /** Guards {@link #waiting} and {@link #underWay}. */
    private final Object lock = new Object();

    /** The questions waiting for the next group, in the order they came. */
    private List<Question<K, V>> waiting = new ArrayList<>();

    /** Whether the runner has been given the groups to run (and has not yet found none waiting). */
    private boolean underWay;

    private record Question<K, V>(K key, CompletableFuture<V> answer) {}

    /**
     * @param lookUp answers a set of keys at once; a key left out of its map is answered {@code null}
     * @param runner runs the groups; one task at a time is given to it, which runs groups until none wait
     */
    GroupedLookups(Function<Set<K>, Map<K, V>> lookUp, Executor runner) {
        this.lookUp = Objects.requireNonNull(lookUp, "lookUp");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The answer for {@code key}, read after this call began, or the failure of its look-up. */
    CompletableFuture<V> get(K key) {
        Question<K, V> question = new Question<>(key, new CompletableFuture<>());
        boolean start;
        synchronized (lock) {
            waiting.add(question);
            start = !underWay;
            underWay = true;
        }
        if (start) {
            try {
                runner.execute(this::runWhileWaiting);
            } catch (RejectedExecutionException stopped) {
                failWaiting(stopped);
            }
        }
        return question.answer();
    }

    /** On the runner: one group after the other, each with every question waiting when it starts. */
    private void runWhileWaiting() {
        while (true) {
            List<Question<K, V>> group;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    underWay = false;
                    return;
                }
                group = waiting;
                waiting = new ArrayList<>();
            }
            run(group);
        }
    }

    private void run(List<Question<K, V>> group) {
        Map<K, V> answers;
        try {
            Set<K> keys = new LinkedHashSet<>();
            group.forEach(question -> keys.add(question.key()));
            answers = lookUp.apply(keys);
        } catch (RuntimeException | Error failure) {
            group.forEach(question -> question.answer().completeExceptionally(failure));
            return;
        }
        group.forEach(question -> question.answer().complete(answers.get(question.key())));
    }

    /** The runner refused the task: every waiting question fails, and the next one tries again. */
    private void failWaiting(RejectedExecutionException cause) {
        List<Question<K, V>> failed;
        synchronized (lock) {
            failed = waiting;
            waiting = new ArrayList<>();
            underWay = false;
        }
        failed.forEach(question -> question.answer().completeExceptionally(cause));
    }
}
