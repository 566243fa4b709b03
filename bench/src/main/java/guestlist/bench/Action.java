package guestlist.bench;

import guestlist.bench.result.Results;

/**
 * A step that measures no scenario: it prepares the data for the next ones, or measures something
 * that only goes into the notes.
 *
 * @param what what it does, for the reader of the plan
 */
record Action(String what, Body body) implements Step {

    @FunctionalInterface
    interface Body {
        void run(Results results) throws Exception;
    }
}
