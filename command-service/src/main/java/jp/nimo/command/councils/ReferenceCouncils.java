package jp.nimo.command.councils;

import jp.nimo.councils.CouncilCommand.DesignateCouncil;
import jp.nimo.issues.Actor;
import jp.nimo.reference.Council;
import jp.nimo.reference.Councils;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The councils of the reference data are the councils' starting events: at start, each one not yet in the
 * log is designated by Nimo itself. Another node starting at the same time may designate the same one
 * first; the log's unique (aggregate, sequence) key lets only one through.
 */
@Component
public class ReferenceCouncils implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReferenceCouncils.class);

    private final Councils councils;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReferenceCouncils(Councils councils, CommandGateway commands, JdbcTemplate jdbc, Clock clock) {
        this.councils = councils;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Set<String> designated = new HashSet<>(jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry"
                + " WHERE type = 'Council' AND sequencenumber = 0", String.class));
        int added = 0;
        for (Council council : councils.all()) {
            if (designated.contains(council.id())) {
                continue;
            }
            try {
                commands.sendAndWait(designation(council, Instant.now(clock)));
                added++;
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                log.debug("{} was designated by another node meanwhile", council.id());
            }
        }
        if (added > 0) {
            log.info("Designated {} councils of the reference data", added);
        }
    }

    static DesignateCouncil designation(Council council, Instant at) {
        String area = switch (council.level()) {
            case MUNICIPALITY -> council.municipalities().get(0);
            case REGION -> council.regions().get(0);
            case PREFECTURE -> council.id().substring("council-".length());
        };
        return new DesignateCouncil(council.id(), council.level(), area, council.label().ja(), council.label().en(),
                council.secretariat(), Actor.SYSTEM, at);
    }
}
