package jp.nimo.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The write side: REST for cases and issue decisions, command handling, detection. Its settings are in
 * {@code command-service.properties}, so that they come with this class wherever it is started (the
 * read side's tests start it beside the read side, whose {@code application.properties} comes first).
 */
@SpringBootApplication
@PropertySource("classpath:command-service.properties")
public class CommandServiceApplication {

    public static void main(String[] args) {
        // a public-sector service holding health data does not report to a framework vendor at start-up
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
