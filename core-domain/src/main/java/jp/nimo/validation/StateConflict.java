package jp.nimo.validation;

import java.util.List;

/**
 * An action that the current state of what it acts on does not allow (a held meeting cancelled, minutes
 * of a meeting not yet held): answered with 409, the state and the states it is allowed from.
 */
public class StateConflict extends RuntimeException {

    private final String action;
    private final String currentState;
    private final List<String> allowedFrom;

    public StateConflict(String action, Enum<?> currentState, List<? extends Enum<?>> allowedFrom) {
        super(action + " is not allowed from " + currentState + " (allowed from " + allowedFrom + ")");
        this.action = action;
        this.currentState = currentState.name();
        this.allowedFrom = allowedFrom.stream().map(Enum::name).sorted().toList();
    }

    public String action() {
        return action;
    }

    public String currentState() {
        return currentState;
    }

    public List<String> allowedFrom() {
        return allowedFrom;
    }
}
