package jp.nimo.issues;

/** An action the lifecycle does not allow from the issue's current state: answered with 409. */
public class TransitionNotAllowed extends RuntimeException {

    private final IssueAction action;
    private final IssueState currentState;

    public TransitionNotAllowed(IssueAction action, IssueState currentState) {
        super(action.path() + " is not allowed from " + currentState + " (allowed from " + action.allowedFrom() + ")");
        this.action = action;
        this.currentState = currentState;
    }

    public IssueAction action() {
        return action;
    }

    public IssueState currentState() {
        return currentState;
    }
}
