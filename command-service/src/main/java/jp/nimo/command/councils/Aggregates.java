package jp.nimo.command.councils;

import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads what a request needs to know of an aggregate before it sends a command (the meeting a decision
 * names, whether an issue may be on a council's agenda): loads it from its events in a unit of work of
 * its own and asks it a question that changes nothing.
 */
@Component
public class Aggregates {

    private final Configuration axon;

    public Aggregates(Configuration axon) {
        this.axon = axon;
    }

    public <A, T> Optional<T> ask(Class<A> type, String id, Function<A, T> question) {
        DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        try {
            T answer = axon.repository(type).load(id).invoke(question);
            unit.commit();
            return Optional.ofNullable(answer);
        } catch (AggregateNotFoundException e) {
            unit.rollback();
            return Optional.empty();
        } catch (RuntimeException e) {
            unit.rollback(e);
            throw e;
        }
    }
}
