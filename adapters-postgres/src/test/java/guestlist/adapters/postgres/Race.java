package guestlist.adapters.postgres;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.domain.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Runs contenders on threads of their own, released together by a barrier, and tallies how each
 * ended: {@link #WON}, or the name of the rule that refused it or of why its use case failed.
 * Anything else fails the test.
 */
final class Race {

    static final String WON = "won";
    private static final long TIMEOUT_SECONDS = 60;

    private Race() {}

    /** @return how many contenders ended which way, e.g. {@code {won=5, INVITE_NOT_USABLE=35}} */
    static Map<String, Long> run(int contenders, IntFunction<Callable<?>> contender) throws Exception {
        CyclicBarrier start = new CyclicBarrier(contenders);
        ExecutorService threads = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Callable<?> work = contender.apply(i);
                outcomes.add(threads.submit(() -> {
                    start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    try {
                        work.call();
                        return WON;
                    } catch (Refusal refused) {
                        return refused.rule().name();
                    } catch (UseCaseFailure failed) {
                        return failed.reason().name();
                    }
                }));
            }
            List<String> ended = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                try {
                    ended.add(outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException failed) {
                    throw new AssertionError("a contender failed unexpectedly", failed.getCause());
                }
            }
            return ended.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
