package jp.nimo.detection;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A signal as a recorded event. The write side's signal automation appends one for every signal it finds, in
 * the same transaction as its case memory; the detection policy decides on these, the read side keeps them for
 * what-if replays, and an auditor can follow each piece of an issue's evidence (its reference is the signal's
 * id, which is also the event's) back to the signal and the case event it came from. Case plane: a signal knows
 * its case; the evidence it becomes on an issue does not.
 */
public sealed interface SignalEvent {

    Signal signal();

    /** A presence signal: the recorded case event {@code eventId} is itself the sign. */
    record SignalObserved(Signal signal, String eventId) implements SignalEvent {

        public SignalObserved {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /**
     * An absence signal: the case event {@code triggerEventId} went without its follow-up dated up to
     * {@code windowEnd}, and the detection clock passed the deadline.
     */
    record AbsenceSignalFired(Signal signal, String triggerEventId, LocalDate windowEnd) implements SignalEvent {

        public AbsenceSignalFired {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(triggerEventId, "triggerEventId");
            Objects.requireNonNull(windowEnd, "windowEnd");
        }
    }
}
