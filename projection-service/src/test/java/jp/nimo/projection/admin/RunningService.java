package jp.nimo.projection.admin;

import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.Http;
import jp.nimo.projection.ProjectionServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A service started for a test beside the one Spring's test support runs: another read-side node on
 * the same database, or a read side and a write side on a database of the test's own.
 */
public record RunningService(ServletWebServerApplicationContext context, Http http) implements AutoCloseable {

    public static RunningService readSide(ApplicationContextInitializer<ConfigurableApplicationContext> database,
                                          String... properties) {
        return start(ProjectionServiceApplication.class, "nimo-projection-service-node", database, properties);
    }

    public static RunningService writeSide(ApplicationContextInitializer<ConfigurableApplicationContext> database,
                                           String... properties) {
        return start(CommandServiceApplication.class, "nimo-command-service-node", database, properties);
    }

    private static RunningService start(Class<?> application, String name,
                                        ApplicationContextInitializer<ConfigurableApplicationContext> database,
                                        String... properties) {
        // as arguments: properties given to the builder are defaults, which application.properties overrides
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.application.name=" + name));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        ServletWebServerApplicationContext context = (ServletWebServerApplicationContext)
                new SpringApplicationBuilder(application)
                        .initializers(database)
                        .run(arguments.toArray(String[]::new));
        return new RunningService(context, new Http(context.getWebServer().getPort()));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
