package guestlist.bench.reference;

import guestlist.bench.result.Row;

/**
 * A reference figure the benchmark measures itself, on the same machine in the same run as the
 * scenario it stands next to. A measurement that holds a process (the bare Undertow) is also
 * {@link AutoCloseable}: started when first measured, stopped when closed.
 */
public interface Measurement {

    /** The name of its rows (the same for every measurement of this reference). */
    String name();

    /** False when its tool is missing (pgbench): the comparison then names the reference as n/a. */
    default boolean available() {
        return true;
    }

    /** Measures it once: requests (or hashes, or transactions) per second, p50, p99, errors. */
    Row measure() throws Exception;

    /** What its line in the notes adds, e.g. what its p50 column means; empty or with a leading space. */
    default String remark() {
        return "";
    }
}
