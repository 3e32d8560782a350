package jp.nimo.cases;

/**
 * The caller's organisation is not involved in the case: answered exactly like an unknown case, so
 * that a refusal never tells whether the case exists.
 */
public class CaseNotVisible extends RuntimeException {

    public CaseNotVisible() {
        super("no such case");
    }
}
