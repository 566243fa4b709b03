package guestlist.bench;

/**
 * One step of the benchmark's plan, run in order: a scenario on its own, a scenario compared with
 * a reference against a target, or an action on the data between them.
 */
sealed interface Step permits Scenario, Comparison, Action {}
