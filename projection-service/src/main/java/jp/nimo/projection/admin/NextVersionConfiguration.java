package jp.nimo.projection.admin;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The next-version processors ({@code <projection>~next}): the settings of the live processor (mode,
 * segments, threads, batch size, dead letters, sequencing, so that events of one case or issue stay in
 * order), a second instance of each of its handlers, and transactions that write the version being built
 * ({@link NextVersion}). Axon cannot add a processor once it runs, so these run from the start, idle
 * until a rebuild; started without tokens they begin at the head of the log, having nothing to build.
 */
@Configuration(proxyBeanMethods = false)
public class NextVersionConfiguration {

    /** Copies the live processors' settings before Axon's auto-configuration reads them. */
    @Bean
    static BeanPostProcessor nextVersionProcessorSettings() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventProcessorProperties properties) {
                    for (VersionedProjection projection : VersionedProjection.ALL) {
                        ProcessorSettings live = properties.getProcessors().get(projection.name());
                        if (live != null) {
                            properties.getProcessors().putIfAbsent(projection.nextProcessor(), copy(live));
                        }
                    }
                }
                return bean;
            }
        };
    }

    private static ProcessorSettings copy(ProcessorSettings live) {
        ProcessorSettings next = new ProcessorSettings();
        next.setSource(live.getSource());
        next.setMode(live.getMode());
        next.setInitialSegmentCount(live.getInitialSegmentCount());
        next.setTokenClaimInterval(live.getTokenClaimInterval());
        next.setTokenClaimIntervalTimeUnit(live.getTokenClaimIntervalTimeUnit());
        next.setThreadCount(live.getThreadCount());
        next.setBatchSize(live.getBatchSize());
        next.setSequencingPolicy(live.getSequencingPolicy());
        next.setDlq(live.getDlq());
        return next;
    }

    /**
     * Before the other modules, so that an idle processor's interceptor is the outermost and an event it
     * skips costs no savepoint.
     */
    @Bean
    public ConfigurerModule nextVersionProcessors(ConfigurableListableBeanFactory beans, JdbcTemplate jdbc) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                EventProcessingConfigurer processing = configurer.eventProcessing();
                for (VersionedProjection projection : VersionedProjection.ALL) {
                    register(processing, projection, beans, jdbc);
                }
            }

            @Override
            public int order() {
                return -100;
            }
        };
    }

    private static void register(EventProcessingConfigurer processing, VersionedProjection projection,
                                 ConfigurableListableBeanFactory beans, JdbcTemplate jdbc) {
        String next = projection.nextProcessor();
        NextVersion version = new NextVersion(projection, jdbc);
        Set<Object> handlers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> type : handlerTypes(beans, projection.name())) {
            processing.registerEventHandler(c -> {
                Object handler = beans.createBean(type);
                handlers.add(handler);
                return handler;
            });
        }
        processing.assignHandlerInstancesMatching(next, Integer.MAX_VALUE, handlers::contains)
                .registerTransactionManager(next, c -> version.transactions(c.getComponent(TransactionManager.class)))
                .registerHandlerInterceptor(next, c -> version.idleSkipped())
                .registerPooledStreamingEventProcessorConfiguration(next,
                        (c, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }

    /** The classes of the live processing group's handlers, as Spring knows them. */
    private static List<Class<?>> handlerTypes(ConfigurableListableBeanFactory beans, String group) {
        List<Class<?>> types = new ArrayList<>();
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = beans.getType(name);
            if (type == null) {
                continue;
            }
            Class<?> user = ClassUtils.getUserClass(type);
            ProcessingGroup annotation = AnnotationUtils.findAnnotation(user, ProcessingGroup.class);
            if (annotation != null && annotation.value().equals(group)) {
                types.add(user);
            }
        }
        return types;
    }
}
