package guestlist.bench;

import guestlist.bench.result.Target;

/**
 * A scenario, the reference it is compared with, and the target the ratio must meet; optionally
 * a second measured reference whose ratio only goes into the notes.
 *
 * @param alsoNoted null for none
 */
record Comparison(Scenario scenario, Reference reference, Target target, Reference.Measured alsoNoted) implements Step {

    static Comparison of(Scenario scenario, Reference reference, Target target) {
        return new Comparison(scenario, reference, target, null);
    }

    /** With the ratio against {@code second} in the notes too. */
    Comparison notingAlso(Reference.Measured second) {
        return new Comparison(scenario, reference, target, second);
    }
}
