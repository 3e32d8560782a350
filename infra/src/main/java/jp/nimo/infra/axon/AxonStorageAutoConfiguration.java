package jp.nimo.infra.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.axon.upcasting.CaseEventRecordedV2Upcaster;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Axon on PostgreSQL without Axon Server. The JDBC storage engine and token store come from Axon's
 * own auto-configuration's design (the tables belong to the Flyway migrations); this adds the
 * serializer, the error translation for PostgreSQL, and an event store that notices events written
 * by another process quickly.
 * <p>
 * Axon's transaction auto-configuration waits for Boot's transaction manager by its Boot 3 name; without
 * this ordering it would find none under Boot 4 and run the event processors without transactions.
 */
@AutoConfiguration(after = DataSourceTransactionManagerAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, TransactionAutoConfiguration.class, JdbcAutoConfiguration.class})
public class AxonStorageAutoConfiguration {

    /**
     * The storage's connections are Spring's, and so are the transactions: every unit of work runs in a Spring
     * transaction (Axon's SpringTransactionManager), which commits and rolls back. Axon's default wrapper would
     * also roll the connection back itself when a command fails, ending the caller's whole transaction even
     * where the command only joined it: a bulk import's batch, whose lines each have a savepoint.
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * One Jackson serializer for events, messages, snapshots and tokens, with a mapper of its own so
     * that the stored format does not move when the web's {@code spring.jackson.*} settings do.
     * Unknown properties are ignored, so that old code can read events written by newer code.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /** How many events one query of the store reads, Axon's default. */
    static final int READ_BATCH = 100;

    /**
     * Axon's JDBC auto-configuration backs off once an event store is defined, so the engine is
     * declared here, as Axon would: JDBC on the Spring-managed data source and transactions, Jackson
     * payloads in bytea columns.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .batchSize(READ_BATCH)
                // an aggregate's sequence numbers have no holes, so a batch short of the read's size is its last:
                // loading an aggregate does not ask again for the events after it (Axon's JDBC default does)
                .finalAggregateBatchPredicate(batch -> batch.size() < READ_BATCH)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .build();
    }

    /**
     * Stored events are never rewritten; an event class whose shape changes takes a new
     * {@code @Revision} and an upcaster from the old one. Axon registers every EventUpcaster bean in
     * {@code configuration.upcasterChain()}, which the engine above reads through on both services:
     * aggregates, processors and replays see only the current shape.
     */
    @Bean
    public CaseEventRecordedV2Upcaster caseEventRecordedV2Upcaster() {
        return new CaseEventRecordedV2Upcaster();
    }

    /**
     * PostgreSQL's unique violation (23505) on (aggregate, sequence) means another writer appended
     * first: Axon then raises a ConcurrencyException, which the API answers with 409.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * The other service appends to the same tables, so a caught-up processor polls for new events;
     * Axon's default second is too slow for a timeline that should show an event at once.
     */
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         NimoProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.getEventPollInterval().toMillis())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /**
     * How often a pooled processor's idle segment stores how far it has read and renews its claim: Axon's five
     * seconds whatever the claim timeout. Under a shorter timeout another node would take a live node's segments
     * from it, so claims are renewed at least three times per timeout; and every second by default (see
     * {@link NimoProperties#getProcessorClaimExtension()}), so that a rebuild's end is seen within a second.
     */
    @Bean
    public ConfigurerModule processorClaimExtension(NimoProperties properties,
            @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        long millis = Math.max(1, Math.min(properties.getProcessorClaimExtension().toMillis(), claimTimeout.toMillis() / 3));
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder.claimExtensionThreshold(millis));
    }
}
