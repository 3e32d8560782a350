package jp.nimo.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The write side: REST for cases and issue decisions, command handling, detection. */
@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        // a public-sector service holding health data does not report to a framework vendor at start-up
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
