package guestlist.bench;

import guestlist.bench.result.Results;
import guestlist.bench.system.Load;

/**
 * One load on the server under test: its request, over how many connections, how long it warms
 * up and how long it is measured, and what runs meanwhile.
 *
 * @param during what runs while it is measured; {@link Background#NOTHING} for nothing
 */
record Scenario(String name, Load.Spec spec, int connections, double warmupSeconds, double seconds, Background during)
        implements Step {

    /** The same scenario measured right away, without a warm-up. */
    Scenario withoutWarmUp() {
        return new Scenario(name, spec, connections, 0, seconds, during);
    }

    /** The same scenario while {@code background} runs. */
    Scenario during(Background background) {
        return new Scenario(name, spec, connections, warmupSeconds, seconds, background);
    }

    /** Something that runs while a scenario is measured, e.g. another process's sweep. */
    @FunctionalInterface
    interface Background {

        Background NOTHING = () -> results -> {};

        /** Starts it, right before the measured load (after its warm-up). */
        Ending begin() throws Exception;

        /** Ends it, right after the measured load, with anything it has to note. */
        @FunctionalInterface
        interface Ending {
            void end(Results results) throws Exception;
        }
    }
}
