package jp.nimo.projection.drills;

/** What a drill found broken: a promise of Nimo's that did not hold under the fault injected. */
final class DrillFailure extends RuntimeException {

    DrillFailure(String message) {
        super(message);
    }
}
